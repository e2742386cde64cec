package dev.seedling.io;

import dev.seedling.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * Everything a safetensors file holds, loaded.
 *
 * @param tensors  name to tensor, in the order the header lists them (unmodifiable)
 * @param metadata the {@code __metadata__} string map, in header order; empty when the file has none (unmodifiable)
 */
public record SafeTensorsContents(SequencedMap<String, Tensor> tensors, SequencedMap<String, String> metadata) {
    public SafeTensorsContents {
        tensors = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(metadata));
    }
}
