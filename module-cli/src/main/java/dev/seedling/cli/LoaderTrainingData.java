package dev.seedling.cli;

import dev.seedling.data.loader.DataLoader;
import dev.seedling.data.loader.DataLoaderConfig;
import dev.seedling.data.loader.LoaderState;
import dev.seedling.data.loader.SequenceSource;
import dev.seedling.models.train.Batch;
import dev.seedling.models.train.TrainingData;

import java.util.ArrayList;
import java.util.List;

/**
 * Adapts module-data's {@link DataLoader} to the trainer: the position is the global batch index
 * {@code epoch · batchesPerEpoch + batch}, which maps back to a {@link LoaderState} exactly.
 */
final class LoaderTrainingData implements TrainingData, AutoCloseable {
    private final SequenceSource train;
    private final DataLoaderConfig config;
    private final List<Batch> validation;
    private DataLoader loader;

    LoaderTrainingData(SequenceSource train, SequenceSource validation, DataLoaderConfig config, int maxValBatches) {
        this.train = train;
        this.config = config;
        this.loader = new DataLoader(train, config);
        this.validation = new ArrayList<>();
        if (validation.size() >= config.batchSize()) {
            try (DataLoader v = new DataLoader(validation, new DataLoaderConfig(config.batchSize(), false, 0, true,
                    0))) {
                for (int i = 0; i < Math.min(maxValBatches, v.batchesPerEpoch()); i++) {
                    var b = v.next();
                    this.validation.add(new Batch(b.inputs(), b.targets()));
                }
            }
        }
    }

    @Override
    public Batch next() {
        var b = loader.next();
        return new Batch(b.inputs(), b.targets());
    }

    @Override
    public long position() {
        LoaderState s = loader.state();
        return s.epoch() * loader.batchesPerEpoch() + s.batch();
    }

    @Override
    public void seek(long position) {
        loader.close();
        int perEpoch = loader.batchesPerEpoch();
        loader = new DataLoader(train, config,
                new LoaderState(config.seed(), position / perEpoch, (int) (position % perEpoch)));
    }

    @Override
    public List<Batch> validation() {
        return validation;
    }

    @Override
    public void close() {
        loader.close();
    }
}
