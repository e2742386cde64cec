package dev.seedling.tensor;

/** An operation received a tensor of the wrong element type; the message names the op, expected and actual. */
public class DTypeMismatchException extends IllegalArgumentException {
    public DTypeMismatchException(String op, String what, String expected, DType actual) {
        super(op + ": " + what + " must be " + expected + " but is " + actual);
    }
}
