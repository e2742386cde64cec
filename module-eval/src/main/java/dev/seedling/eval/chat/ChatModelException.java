package dev.seedling.eval.chat;

/** A chat model could not answer. The message names the model and, for HTTP models, the status and attempt count. */
public class ChatModelException extends RuntimeException {
    private final boolean retryable;

    public ChatModelException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public ChatModelException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    /** Whether the same request may succeed later (rate limits, server errors, time-outs). */
    public boolean retryable() {
        return retryable;
    }
}
