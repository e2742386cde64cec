package dev.seedling.cli;

import picocli.CommandLine.Command;

/**
 * {@code seedling experiment}: tiny-scale reproductions of paper claims, each one sub-command that trains its models
 * and writes a Markdown report with tables and SVG plots under {@code docs/experiments/}.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Tiny-scale paper experiments; each writes a report to docs/experiments/.",
        subcommands = {ResidualNormExperiment.class, UltraMemExperiment.class, PolyComExperiment.class,
                OverTokenizedExperiment.class, OverEncodingThroughput.class})
final class ExperimentCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
