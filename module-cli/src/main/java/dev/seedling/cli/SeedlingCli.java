package dev.seedling.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code seedling} command. Each sub-command is one class in this package. */
@Command(name = "seedling", mixinStandardHelpOptions = true, versionProvider = SeedlingCli.Version.class,
        description = "Seedling: a pure-Java deep-learning library.",
        subcommands = {InfoCommand.class, DemoCommand.class, TrainCommand.class, GenerateCommand.class,
                ScoreCommand.class, ServeCommand.class, BenchCommand.class, ExperimentCommand.class,
                CommandLine.HelpCommand.class})
public final class SeedlingCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new SeedlingCli()).execute(args);
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
