package dev.seedling.cli;

import dev.seedling.data.tokenizer.BpeTrainer;
import dev.seedling.data.tokenizer.BpeTrainerConfig;
import dev.seedling.data.tokenizer.Tokenizer;
import dev.seedling.data.tokenizer.TokenizerJson;
import dev.seedling.data.tokenizer.Utf8Policy;
import lombok.extern.slf4j.Slf4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finding or training the tokenizer of a run. */
@Slf4j
final class Tokenizers {
    /** BPE training reads at most this many characters of the corpus: enough for a few thousand merges. */
    private static final int TRAINING_CHARS = 2_000_000;

    private Tokenizers() {
    }

    /**
     * {@code given} if set (copied to {@code runFile}); else {@code runFile} if resuming and it exists; else a
     * byte-level BPE of {@code vocab} ids trained on {@code source} and written to {@code runFile}.
     */
    static Tokenizer obtain(Path given, Path runFile, String source, int vocab, boolean resume) throws IOException {
        if (given != null) {
            if (!given.toAbsolutePath().equals(runFile.toAbsolutePath())) {
                Files.copy(given, runFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return TokenizerJson.read(runFile, Utf8Policy.LENIENT);
        }
        if (resume && Files.exists(runFile)) {
            return TokenizerJson.read(runFile, Utf8Policy.LENIENT);
        }
        long t0 = System.nanoTime();
        var tok = BpeTrainer.train(new BpeTrainerConfig(vocab, List.of("<|endoftext|>"), 2, Utf8Policy.LENIENT),
                sample(source));
        TokenizerJson.write(tok, runFile);
        log.info("trained a byte-level BPE tokenizer of {} ids in {} ms -> {}", tok.vocabSize(),
                (System.nanoTime() - t0) / 1_000_000, runFile);
        return tok;
    }

    /** Up to {@link #TRAINING_CHARS} characters of the source's files, as lines. */
    private static List<String> sample(String source) throws IOException {
        List<String> lines = new ArrayList<>();
        long chars = 0;
        for (Path file : files(source)) {
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null && chars < TRAINING_CHARS) {
                    lines.add(line + "\n");
                    chars += line.length() + 1;
                }
            } catch (java.nio.charset.MalformedInputException e) {
                log.warn("{}: not valid UTF-8 after {} characters; the rest is left out of tokenizer training", file,
                        chars);
            }
            if (chars >= TRAINING_CHARS) {
                break;
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no text found in '" + source + "' to train a tokenizer on");
        }
        return lines;
    }

    private static List<Path> files(String source) {
        return dev.seedling.data.text.TextSources.resolve(source);
    }
}
