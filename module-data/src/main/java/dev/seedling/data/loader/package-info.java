/**
 * The data loader: seeded shuffling per epoch, batching sequences into I64 tensors, a background prefetch thread,
 * and a resumable position ({@link dev.seedling.data.loader.LoaderState}) that a checkpoint saves.
 */
package dev.seedling.data.loader;
