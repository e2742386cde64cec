package dev.seedling.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --steps} and {@code --out}, as the tiny-scale paper experiments that train one model per variant and write a
 * report into a directory take them (a picocli mixin).
 */
final class ExperimentOptions {
    @Option(names = "--steps", description = "training steps per model (default ${DEFAULT-VALUE})")
    int steps = 300;
    @Option(names = "--out", description = "report directory (default ${DEFAULT-VALUE})")
    Path out = Path.of("docs/experiments");
}
