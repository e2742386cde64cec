package dev.seedling.cli;

import picocli.CommandLine.Command;

/** {@code seedling experiment}: small, reproducible paper experiments; each sub-command is one class. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Tiny-scale reproductions of paper experiments (tables and plots under docs/experiments/).",
        subcommands = {UltraMemExperiment.class})
final class ExperimentCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
