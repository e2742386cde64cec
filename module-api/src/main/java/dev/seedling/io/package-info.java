/**
 * Reading and writing tensor files. {@link dev.seedling.io.SafeTensors} reads and writes the
 * <a href="https://github.com/huggingface/safetensors">safetensors</a> format (eagerly, or lazily through read-only
 * memory mappings with {@link dev.seedling.io.MappedSafeTensors}); every malformed file gives a
 * {@link dev.seedling.io.SafeTensorsFormatException} naming the file, the tensor and the byte offset.
 * {@link dev.seedling.io.DurableFiles} is the one atomic file write (and the directory fsync after it), for this writer
 * and for the model and checkpoint directories above it.
 *
 * <p>Headers are parsed as untrusted input: no allocation is sized by a number in the file before that number has
 * been checked against the file's real size. Nothing here knows a concrete backend: tensors are created on
 * {@link dev.seedling.Seedling#backend()}. Model-level checkpoint layout (config, tokenizer, optimiser state) does
 * not live here.
 */
package dev.seedling.io;
