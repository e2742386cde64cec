package dev.seedling.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --out} and {@code --resume}, as every evaluation command takes them (a picocli mixin). */
final class OutputOptions {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;
    @Option(names = "--resume", description = "continue the run in --out; finished items are not asked again")
    boolean resume;
}
