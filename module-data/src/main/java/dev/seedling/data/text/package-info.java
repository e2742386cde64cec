/**
 * Text datasets: resolving sources (file, directory, glob), streaming UTF-8 decoding of memory-mapped files,
 * tokenising into a binary token cache with a JSON manifest (reused while fresh, rebuilt when stale), packing
 * EOS-separated documents into fixed-length sequences, and a deterministic train/validation split.
 *
 * <p>No tensors here: sequences are int arrays; {@code dev.seedling.data.loader} batches them into tensors.
 */
package dev.seedling.data.text;
