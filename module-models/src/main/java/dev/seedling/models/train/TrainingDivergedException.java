package dev.seedling.models.train;

/** The loss or gradient norm became NaN or infinite; the message names the step and the last good checkpoint. */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
