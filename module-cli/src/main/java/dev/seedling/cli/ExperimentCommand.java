package dev.seedling.cli;

import picocli.CommandLine.Command;

/** {@code seedling experiment}: reproducible paper-comparison runs, one sub-command each, that write a report. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Small, reproducible experiments that write their results under docs/experiments/.",
        subcommands = {ResidualNormExperiment.class, UltraMemExperiment.class})
final class ExperimentCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
