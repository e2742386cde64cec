package dev.seedling.data.text;

/**
 * Receives a corpus as a stream of text chunks and document ends. Chunks of one document are cut only where a
 * white-space char follows a non-white-space char, a piece boundary of the byte-level pre-tokenizer, so encoding
 * them one by one gives the ids of the whole document (a chunk is cut elsewhere only after 4 MiB chars with no
 * such place).
 */
public interface DocumentSink {
    /** The next chunk of the current document. */
    void text(String chunk);

    /** The current document ended; the next chunk starts a new one. */
    void endDocument();
}
