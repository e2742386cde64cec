package dev.seedling.models.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedling.io.DurableFiles;
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
 * {@code optimizer.safetensors}, extra files (a tokenizer) and, written last, {@code trainer_state.json}, whose
 * presence marks a checkpoint complete. A checkpoint is assembled in a hidden {@code .step-….tmp} directory (every
 * file and the directory forced to disk) and renamed into place in one atomic step; a checkpoint of the same step
 * already there is first renamed aside to {@code .step-….old} and deleted only after the new one is in place, and a
 * crash between the two renames leaves the old one in use. So a crash leaves the previous checkpoints loadable;
 * half-written directories are ignored and cleaned up by the next save. Only the newest {@code keep} checkpoints are
 * kept, never counting out the one just written.
 */
@Slf4j
public final class DirectoryCheckpointStore implements CheckpointStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE = "trainer_state.json";
    /** {@code step-N}, a save's temporary {@code .step-N.tmp} or a replaced {@code .step-N.old}. */
    private static final java.util.regex.Pattern STEP_DIR =
            java.util.regex.Pattern.compile("step-\\d{8}|\\.(step-\\d{8})\\.(tmp|old)");
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
        Path old = root.resolve("." + name + ".old");
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(root);
            cleanUpInterruptedSaves();
            ModelDirectory.save(model, tmp);
            SafeTensors.write(tmp.resolve("optimizer.safetensors"), optimizer.state());
            for (Path extra : extraFiles) {
                copyDurably(extra, tmp.resolve(extra.getFileName()));
            }
            ModelDirectory.writeAtomically(tmp.resolve(STATE), JSON.writeValueAsString(progress));
            DurableFiles.fsyncDirectory(tmp);
            if (Files.exists(dir)) {
                Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
                DurableFiles.fsyncDirectory(root);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.fsyncDirectory(root);
            deleteTree(old);
            prune(dir);
            log.info("checkpoint written: {}", dir);
        } catch (IOException e) {
            throw new UncheckedIOException("writing checkpoint " + dir + " failed; the previous checkpoint is intact",
                    e);
        }
    }

    /**
     * Deletes every checkpoint under the root (and any half-written one): a fresh run starts a new history instead of
     * mixing its checkpoints with an earlier run's, which the next resume would otherwise pick up.
     *
     * @return how many complete checkpoints were removed
     */
    @Override
    public int clear() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = checkpoints().toList().size();
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(p -> STEP_DIR.matcher(p.getFileName().toString()).matches()).toList()) {
                deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("removing the checkpoints in " + root, e);
        }
        return removed;
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
            TrainingProgress p = JSON.readValue(dir.resolve(STATE).toFile(), TrainingProgress.class);
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

    /**
     * The complete checkpoints in step order: {@code step-N} directories with their state file, and a
     * {@code .step-N.old} one (a replacement interrupted between its two renames) where {@code step-N} is missing.
     */
    private Stream<Path> checkpoints() {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.list(root)) {
            java.util.TreeMap<String, Path> byStep = new java.util.TreeMap<>();
            for (Path p : s.toList()) {
                var m = STEP_DIR.matcher(p.getFileName().toString());
                if (m.matches() && !"tmp".equals(m.group(2)) && Files.exists(p.resolve(STATE))) {
                    if (m.group(1) == null) {
                        byStep.put(p.getFileName().toString(), p);
                    } else {
                        byStep.putIfAbsent(m.group(1), p);  // a .step-N.old counts only where step-N is missing
                    }
                }
            }
            return byStep.values().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("listing checkpoints in " + root, e);
        }
    }

    /**
     * Cleans up after saves a crash interrupted: a half-written {@code .step-N.tmp} is deleted; a {@code .step-N.old}
     * goes back in place, or away if the new {@code step-N} made it in. (One writer per store is assumed.)
     */
    private void cleanUpInterruptedSaves() throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.toList()) {
                var m = STEP_DIR.matcher(p.getFileName().toString());
                if (!m.matches() || m.group(2) == null) {
                    continue;
                }
                Path dir = root.resolve(m.group(1));   // the name it had, or was to get
                if ("tmp".equals(m.group(2)) || Files.exists(dir.resolve(STATE))) {
                    deleteTree(p);
                } else {
                    deleteTree(dir);
                    Files.move(p, dir, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
    }

    private void prune(Path justWritten) throws IOException {
        List<Path> older = checkpoints().filter(p -> !p.equals(justWritten)).toList();
        for (int i = 0; i < older.size() - (keep - 1); i++) {
            deleteTree(older.get(i));
        }
    }

    /** Copies {@code from} to {@code to} and forces the copy to disk before it counts as part of a checkpoint. */
    private static void copyDurably(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        try (var ch = java.nio.channels.FileChannel.open(to, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
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
}
