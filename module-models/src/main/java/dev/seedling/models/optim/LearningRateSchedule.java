package dev.seedling.models.optim;

/** The learning rate at a step (0-based). Implementations are pure functions of the step. */
@FunctionalInterface
public interface LearningRateSchedule {
    double at(long step);

    static LearningRateSchedule constant(double lr) {
        return step -> lr;
    }

    /**
     * Linear warm-up from 0 to {@code peak} over {@code warmup} steps, then cosine decay to {@code peak·minRatio} at
     * {@code total}, constant after.
     */
    static LearningRateSchedule warmupCosine(double peak, long warmup, long total, double minRatio) {
        return step -> {
            if (step < warmup) {
                return peak * (step + 1) / warmup;
            }
            if (step >= total) {
                return peak * minRatio;
            }
            double progress = (double) (step - warmup) / Math.max(1, total - warmup);
            return peak * (minRatio + (1 - minRatio) * 0.5 * (1 + Math.cos(Math.PI * progress)));
        };
    }

    /** Linear warm-up, then linear decay to 0 at {@code total}. */
    static LearningRateSchedule warmupLinear(double peak, long warmup, long total) {
        return step -> {
            if (step < warmup) {
                return peak * (step + 1) / warmup;
            }
            return peak * Math.max(0, (double) (total - step) / Math.max(1, total - warmup));
        };
    }
}
