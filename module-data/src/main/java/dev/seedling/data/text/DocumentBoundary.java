package dev.seedling.data.text;

/** Where one document ends and the next begins; an EOS token is placed after every document. */
public enum DocumentBoundary {
    /** Each file is one document. */
    FILE,
    /** Documents are separated by one or more blank (empty or white-space-only) lines. */
    BLANK_LINE,
    /** Each non-blank line is one document (a trailing {@code \r} is dropped). */
    LINE
}
