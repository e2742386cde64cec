package dev.seedling.cli;

import picocli.CommandLine.Option;

/**
 * {@code --steps}, {@code --batch} and {@code --lr}, as every command that trains a language model with the warm-up
 * cosine schedule takes them (a picocli mixin). The command sets the default step count by constructing the mixin:
 * {@code @Mixin TrainingOptions training = new TrainingOptions(300)}; picocli keeps an initialised mixin field.
 */
final class TrainingOptions {
    @Option(names = "--steps", description = "optimiser steps per model (default ${DEFAULT-VALUE})")
    long steps;
    @Option(names = "--batch", description = "sequences per step (default ${DEFAULT-VALUE})")
    int batch = 8;
    @Option(names = "--lr", description = "peak learning rate (default ${DEFAULT-VALUE})")
    double lr = 3e-3;

    /** The options with {@code defaultSteps} optimiser steps unless {@code --steps} says otherwise. */
    TrainingOptions(long defaultSteps) {
        this.steps = defaultSteps;
    }
}
