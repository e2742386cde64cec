package dev.seedling.tensor;

/** An operation received tensors whose shapes do not fit together; the message names the op and the shapes. */
public class ShapeMismatchException extends IllegalArgumentException {
    public ShapeMismatchException(String message) {
        super(message);
    }
}
