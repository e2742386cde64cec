package dev.seedling.backend;

/**
 * A requested backend cannot be used. The message lists every backend found and why each is or is not available;
 * Seedling never silently falls back to another backend.
 */
public class BackendUnavailableException extends RuntimeException {
    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
