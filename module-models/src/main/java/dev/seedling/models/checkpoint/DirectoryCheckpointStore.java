package dev.seedling.models.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedling.io.SafeTensors;
import dev.seedling.models.optim.Optimizer;
import dev.seedling.models.train.CheckpointStore;
import dev.seedling.models.train.TrainingProgress;
import dev.seedling.models.transformer.TransformerLM;
import lombok.extern.slf4j.Slf4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints as directories {@code <root>/step-00000100/} holding a {@link ModelDirectory} plus
 * {@code optimizer.safetensors} and {@code trainer_state.json}. A checkpoint is assembled in a hidden
 * {@code .step-….tmp} directory (every file forced to disk) and renamed into place in one atomic step, so a crash
 * leaves either the complete new checkpoint or none; half-written directories are ignored and cleaned up. Only the
 * newest {@code keep} checkpoints are kept. Extra files (a tokenizer) are copied into each checkpoint.
 */
@Slf4j
public final class DirectoryCheckpointStore implements CheckpointStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path root;
    private final TransformerLM model;
    private final Optimizer optimizer;
    private final int keep;
    private final List<Path> extraFiles;

    public DirectoryCheckpointStore(Path root, TransformerLM model, Optimizer optimizer, int keep,
                                    List<Path> extraFiles) {
        this.root = root;
        this.model = model;
        this.optimizer = optimizer;
        this.keep = keep;
        this.extraFiles = List.copyOf(extraFiles);
    }

    @Override
    public void save(TrainingProgress progress) {
        String name = String.format("step-%08d", progress.step());
        Path tmp = root.resolve("." + name + ".tmp");
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(root);
            deleteTree(tmp);
            ModelDirectory.save(model, tmp);
            SafeTensors.write(tmp.resolve("optimizer.safetensors"), optimizer.state());
            ModelDirectory.writeAtomically(tmp.resolve("trainer_state.json"), JSON.writeValueAsString(progress));
            for (Path extra : extraFiles) {
                Files.copy(extra, tmp.resolve(extra.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            deleteTree(dir);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(root);
            prune();
            log.info("checkpoint written: {}", dir);
        } catch (IOException e) {
            throw new UncheckedIOException("writing checkpoint " + dir + " failed; the previous checkpoint is intact",
                    e);
        }
    }

    @Override
    public Optional<TrainingProgress> restoreLatest() {
        Optional<Path> latest = latest();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Path dir = latest.get();
        ModelDirectory.loadWeights(model, dir.resolve(ModelDirectory.WEIGHTS));
        try {
            TrainingProgress p = JSON.readValue(dir.resolve("trainer_state.json").toFile(), TrainingProgress.class);
            optimizer.loadState(SafeTensors.read(dir.resolve("optimizer.safetensors")).tensors(), p.optimizerStep());
            return Optional.of(p);
        } catch (IOException e) {
            throw new UncheckedIOException("reading checkpoint " + dir, e);
        }
    }

    @Override
    public String latestDescription() {
        return latest().map(Path::toString).orElse("none");
    }

    /** The newest complete checkpoint directory. */
    public Optional<Path> latest() {
        return checkpoints().reduce((a, b) -> b);
    }

    private Stream<Path> checkpoints() {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d{8}"))
                    .filter(p -> Files.exists(p.resolve("trainer_state.json")))
                    .sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("listing checkpoints in " + root, e);
        }
    }

    private void prune() throws IOException {
        List<Path> all = checkpoints().toList();
        for (int i = 0; i < all.size() - keep; i++) {
            deleteTree(all.get(i));
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static void forceDirectory(Path dir) {
        try (var ch = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open a directory for fsync; the rename itself is still atomic
        }
    }
}
