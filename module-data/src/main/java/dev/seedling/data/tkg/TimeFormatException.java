package dev.seedling.data.tkg;

/** A time text could not be read; the message quotes the text and says which forms are accepted. */
public class TimeFormatException extends IllegalArgumentException {
    public TimeFormatException(String message) {
        super(message);
    }
}
