package dev.seedling.models.train;

import dev.seedling.models.TinyModels;
import dev.seedling.tensor.Tensor;

import java.util.List;

/** Deterministic cyclic-sequence batches addressed by position, so seeking is exact. */
final class CyclicData implements TrainingData {
    private long position;

    @Override
    public Batch next() {
        long[][] b = TinyModels.cyclicBatch(8, 16, (int) position++);
        return new Batch(Tensor.ofLongs(b[0], 8, 16), Tensor.ofLongs(b[1], 8, 16));
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long position) {
        this.position = position;
    }

    @Override
    public List<Batch> validation() {
        long[][] b = TinyModels.cyclicBatch(8, 16, 1_000_000);
        return List.of(new Batch(Tensor.ofLongs(b[0], 8, 16), Tensor.ofLongs(b[1], 8, 16)));
    }
}
