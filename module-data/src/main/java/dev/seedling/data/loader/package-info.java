/**
 * The data loader: seeded shuffling per epoch, batching sequences into I64 tensors, a background prefetch thread,
 * and a resumable position ({@link dev.seedling.data.loader.LoaderState}) that a checkpoint saves.
 *
 * <p>From text to batches:
 * <pre>{@code
 * BpeTokenizer tok = TextDataset.trainTokenizer("corpus/", BpeTrainerConfig.of(8192), Utf8Policy.LENIENT);
 * TokenizerJson.write(tok, Path.of("tokenizer.json"));
 * TextDataset data = TextDataset.open(TextDatasetConfig.of("corpus/", 256), tok);  // tokenises once, then cached
 * try (DataLoader loader = new DataLoader(data.train(), DataLoaderConfig.of(16, 42))) {
 *     Batch b = loader.next();            // inputs and targets: I64 [16, 256]
 *     LoaderState resumeHere = loader.state();
 * }
 * }</pre>
 * Synthetic corpora ({@code dev.seedling.data.synthetic}) give {@link dev.seedling.data.loader.SequenceSource}s
 * directly.
 */
package dev.seedling.data.loader;
