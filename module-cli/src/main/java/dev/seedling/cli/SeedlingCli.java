package dev.seedling.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code seedling} command. Each sub-command is one class in this package. */
@Command(name = "seedling", mixinStandardHelpOptions = true, versionProvider = SeedlingCli.Version.class,
        description = "Seedling: a pure-Java deep-learning library.",
        subcommands = {InfoCommand.class, DemoCommand.class, TrainCommand.class, GenerateCommand.class,
                ScoreCommand.class, ServeCommand.class, BenchCommand.class, ExperimentCommand.class,
                VqaEvalCommand.class, IeEvalCommand.class,
                TkgqaCommand.class, CommandLine.HelpCommand.class})
public final class SeedlingCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns the exit code (for tests): 0 on success, 2 for a usage error, 1 when the
     * command failed. A failure caused by the user's input (a bad path, file or argument, an unreachable model) is
     * reported as one line naming the command and the problem; anything else with its stack trace.
     */
    public static int run(String... args) {
        return new CommandLine(new SeedlingCli()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(SeedlingCli::reportFailure).execute(args);
    }

    private static int reportFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (!isUserError(e)) {
            throw e;
        }
        cmd.getErr().println("seedling " + cmd.getCommandName() + ": " + e.getMessage());
        cmd.getErr().flush();
        return 1;
    }

    private static boolean isUserError(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException
                || e instanceof dev.seedling.data.vqa.VqaDataException || e instanceof dev.seedling.eval.vqa.VqaRunException
                || e instanceof dev.seedling.data.tkg.TkgFormatException
                || e instanceof dev.seedling.eval.ie.data.IeDataException
                || e instanceof dev.seedling.eval.ie.schema.SchemaException
                || e instanceof dev.seedling.eval.chat.ChatModelException;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the library version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"seedling " + dev.seedling.Seedling.version()};
        }
    }
}
