/**
 * Tokenizers: {@link dev.seedling.data.tokenizer.ByteTokenizer} (256 byte ids plus specials) and the byte-level BPE
 * {@link dev.seedling.data.tokenizer.BpeTokenizer} with its deterministic
 * {@link dev.seedling.data.tokenizer.BpeTrainer} and Hugging Face {@code tokenizer.json} I/O
 * ({@link dev.seedling.data.tokenizer.TokenizerJson}).
 *
 * <p>Text in, ids out, and back: nothing here reads corpora or builds tensors (see {@code dev.seedling.data.text}
 * and {@code dev.seedling.data.loader}).
 */
package dev.seedling.data.tokenizer;
