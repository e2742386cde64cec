package dev.seedling.models.optim;

import dev.seedling.models.Parameter;

/**
 * The learning rate of every parameter for one optimiser step. {@link #uniform} is the usual case (one base rate
 * times each parameter's {@link Parameter#lrScale()}); {@link GroupSchedules#at} adds per-group schedules.
 */
@FunctionalInterface
public interface LearningRates {
    /** The learning rate of parameter {@code name} this step. */
    double of(String name, Parameter parameter);

    /** {@code lr · parameter.lrScale()} for every parameter. */
    static LearningRates uniform(double lr) {
        return (name, p) -> lr * p.lrScale();
    }
}
