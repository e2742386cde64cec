package dev.seedling.data.vqa;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Items loaded from one file, with a content hash that a run records so that results are never silently mixed
 * across different data.
 *
 * @param source the data file
 * @param items  the items in file order; ids are unique
 * @param sha256 hex SHA-256 over the data file's bytes followed by the bytes of every image file it refers to, in
 *               item order
 */
public record VqaDataset(Path source, List<VqaItem> items, String sha256) {
    public VqaDataset {
        Objects.requireNonNull(source, "source");
        items = List.copyOf(items);
        Objects.requireNonNull(sha256, "sha256");
    }
}
