package dev.seedling.io;

import dev.seedling.tensor.Shape;

/**
 * One tensor as a validated safetensors header declares it.
 *
 * @param name   the tensor's name (its key in the header)
 * @param dtype  the element type in the file
 * @param shape  the shape; its element count fits in an {@code int}
 * @param begin  start of the data, relative to the start of the data section (the byte after the header)
 * @param end    end of the data (exclusive), relative to the data section; {@code end - begin} is
 *               {@code shape.numel() * dtype.byteSize()}
 */
public record TensorEntry(String name, SafeTensorsDType dtype, Shape shape, long begin, long end) {
    /** Bytes of data in the file. */
    public long byteLength() {
        return end - begin;
    }
}
