package dev.seedling.cli;

import dev.seedling.data.loader.DataLoaderConfig;
import dev.seedling.data.text.TextDataset;
import dev.seedling.data.text.TextDatasetConfig;
import dev.seedling.data.tokenizer.Tokenizer;
import dev.seedling.io.DurableFiles;
import dev.seedling.models.checkpoint.DirectoryCheckpointStore;
import dev.seedling.models.checkpoint.ModelDirectory;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.train.Trainer;
import dev.seedling.models.train.TrainingConfig;
import dev.seedling.models.train.TrainingResult;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code seedling train}: trains a Transformer LM on text and writes checkpoints and the final model directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a Transformer LM on text files; resumable from the newest checkpoint in --out.")
final class TrainCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--config", description = "model config.json (default: the 'small' preset)")
    Path config;
    @Option(names = "--data", required = true, description = "a text file, directory or glob; 'bundled' for the bundled corpus")
    String data;
    @Option(names = "--out", required = true, description = "run directory (checkpoints, loss curve, final model)")
    Path out;
    @Option(names = "--tokenizer", description = "a tokenizer.json to use; default: train a byte-level BPE of the "
            + "config's vocab_size on --data (written to OUT/tokenizer.json)")
    Path tokenizer;
    @Mixin
    TrainingOptions training = new TrainingOptions(200);
    @Option(names = "--resume", description = "continue from the newest checkpoint in --out")
    boolean resume;
    @Option(names = "--seed", description = "data-order seed (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Override
    public Integer call() {
        TransformerConfig cfg = config == null ? TransformerConfig.small() : TransformerConfig.read(config);
        TrainingResult r = train(cfg, data, out, tokenizer, training.steps, training.batch, training.lr, resume,
                seed);
        System.out.printf(Locale.ROOT, "trained %d steps: train loss %.4f, validation loss %.4f, %.0f tokens/s%n",
                r.steps(), r.trainLoss(), r.validationLoss(), r.tokensPerSecond());
        System.out.println("model: " + out.resolve("model"));
        return 0;
    }

    /** The whole job, shared with {@code demo}. */
    static TrainingResult train(TransformerConfig cfg, String data, Path out, Path tokenizerFile, long steps,
                                int batch, double lr, boolean resume, long seed) {
        try {
            Files.createDirectories(out);
            String source = "bundled".equals(data) ? CorpusFiles.bundled(out).toString() : data;
            Path tokPath = out.resolve(ModelDirectory.TOKENIZER);
            Tokenizer tok = Tokenizers.obtain(tokenizerFile, tokPath, source, cfg.vocabSize(), resume);
            // a BPE run that stops early (few frequent pairs) leaves ids unused, which is harmless
            if (tok.vocabSize() > cfg.vocabSize()) {
                throw new IllegalArgumentException("the tokenizer has " + tok.vocabSize()
                        + " ids but the model config says vocab_size " + cfg.vocabSize());
            }
            var base = TextDatasetConfig.of(source, cfg.maxSeqLen());
            var dsConfig = new TextDatasetConfig(base.source(), out.resolve("cache"), base.boundary(),
                    base.utf8Policy(), base.contextLength(), base.validationFraction(), base.splitSeed());
            TextDataset ds = TextDataset.open(dsConfig, tok);
            TransformerLM model = new TransformerLM(cfg);
            AdamW opt = AdamW.of(model.namedParameters(), 0.1f);
            TrainingConfig tc = new TrainingConfig(steps, lr, Math.max(1, steps / 10), 0.1, 0.1f, 1.0, 1,
                    (int) Math.max(1, steps / 20), (int) Math.max(1, steps / 4), (int) Math.max(1, steps / 2), 2);
            try (var td = new LoaderTrainingData(ds.train(), ds.validation(), DataLoaderConfig.of(batch, seed), 4)) {
                var store = new DirectoryCheckpointStore(out.resolve("checkpoints"), model, opt, tc.keepCheckpoints(),
                        List.of(tokPath));
                TrainingResult r = new Trainer(model, opt, td, tc, store, out).run(resume);
                ModelDirectory.save(model, out.resolve("model"));
                // like the weights: a crash must not leave a truncated tokenizer beside them
                DurableFiles.writeAtomically(out.resolve("model").resolve(ModelDirectory.TOKENIZER),
                        Files.readAllBytes(tokPath));
                return r;
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
