package dev.seedling.data.text;

import dev.seedling.data.tokenizer.Utf8Policy;

import java.nio.file.Path;

/**
 * What {@link TextDataset#open} reads and how it cuts it.
 *
 * @param source a file, directory or glob (see {@link TextSources})
 * @param cacheDir where the token cache and its manifest live
 * @param boundary how documents are split
 * @param utf8Policy how invalid UTF-8 in the sources is treated
 * @param contextLength tokens per training input (sequences hold one more, for the shifted targets)
 * @param validationFraction fraction of sequences held out, in [0, 1]
 * @param splitSeed seed of the split
 */
public record TextDatasetConfig(String source, Path cacheDir, DocumentBoundary boundary, Utf8Policy utf8Policy,
                                int contextLength, double validationFraction, long splitSeed) {
    /** Validates the fields. */
    public TextDatasetConfig {
        if (contextLength < 1) {
            throw new IllegalArgumentException("context length must be positive, got " + contextLength);
        }
        if (!(validationFraction >= 0 && validationFraction <= 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1], got " + validationFraction);
        }
    }

    /**
     * Defaults for {@code source}: cache in {@code .seedling-cache} next to it, one document per file, lenient UTF-8,
     * 5% validation, split seed 0.
     */
    public static TextDatasetConfig of(String source, int contextLength) {
        Path p = Path.of(source.replace('*', '_').replace('?', '_')).toAbsolutePath();
        Path dir = java.nio.file.Files.isDirectory(p) ? p : p.getParent();
        return new TextDatasetConfig(source, dir.resolve(".seedling-cache"), DocumentBoundary.FILE,
                Utf8Policy.LENIENT, contextLength, 0.05, 0L);
    }
}
