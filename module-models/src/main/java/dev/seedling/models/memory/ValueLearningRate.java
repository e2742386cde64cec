package dev.seedling.models.memory;

import java.util.function.LongToDoubleFunction;

/**
 * UltraMem's value learning-rate multiplier: {@code start} at step 0, falling linearly to 1 at {@code decaySteps} and
 * 1 after ({@code olmo/optim.py}: {@code 1 + (times − 1)·max(0, 1 − step/(max_steps·rate))}; the paper uses 10, the
 * code 4). It multiplies whatever base schedule the trainer applies.
 */
public final class ValueLearningRate {
    private ValueLearningRate() {
    }

    /** The multiplier as a function of the optimiser step; {@code decaySteps} 0 gives a constant 1. */
    public static LongToDoubleFunction linearDecay(double start, long decaySteps) {
        if (decaySteps == 0) {
            return step -> 1.0;
        }
        // slope (start-1)/decaySteps: measured from step 0, not from the current step (a known re-implementation bug)
        return step -> 1 + (start - 1) * Math.max(0, 1 - (double) step / decaySteps);
    }
}
