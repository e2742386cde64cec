package dev.seedling.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The output folder of an evaluation command whose library keeps no manifest of its own ({@code ie-eval},
 * {@code tkgqa}): {@value #FILE} records what the run depends on (command, model, input hashes, settings). A folder
 * that already holds results is refused unless {@code --resume} is given, and a resume that differs in any recorded
 * value is refused, naming it, so one results file never mixes two models or two datasets.
 */
final class RunFolder {
    /** The manifest's file name. */
    static final String FILE = "command.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFolder() {
    }

    /**
     * Refuses an {@code out} that holds results of an earlier run when {@code resume} is off; cheap, so commands call
     * it before loading anything.
     *
     * @throws IllegalArgumentException naming the folder and the option to pass
     */
    static void refuseEarlierRun(Path out, String results, boolean resume) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        }
        Path resultsFile = out.resolve(results);
        try {
            if (!resume && Files.isRegularFile(resultsFile) && Files.size(resultsFile) > 0) {
                throw new IllegalArgumentException("--out " + out + " holds the results of an earlier run ("
                        + results + "); pass --resume to continue it, or choose another --out");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resultsFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks {@code out} and writes the manifest.
     *
     * @param results  the results file name inside {@code out} that marks an earlier run
     * @param identity what the run depends on, in order
     * @throws IllegalArgumentException when {@code out} holds results and {@code resume} is off, or the earlier run
     *                                  differs from this one
     */
    static void prepare(Path out, String results, boolean resume, Map<String, String> identity) {
        try {
            refuseEarlierRun(out, results, resume);
            Path resultsFile = out.resolve(results);
            boolean earlier = Files.isRegularFile(resultsFile) && Files.size(resultsFile) > 0;
            Path manifest = out.resolve(FILE);
            if (earlier && Files.isRegularFile(manifest)) {
                JsonNode before = JSON.readTree(manifest.toFile());
                for (Map.Entry<String, String> e : identity.entrySet()) {
                    String was = before.path(e.getKey()).asText(null);
                    if (was != null && !was.equals(e.getValue())) {
                        throw new IllegalArgumentException("cannot resume the run in " + out + ": it was made with "
                                + e.getKey() + " " + was + ", this one has " + e.getValue());
                    }
                }
            }
            Files.createDirectories(out);
            ObjectNode n = JSON.createObjectNode();
            identity.forEach(n::put);
            Files.writeString(manifest, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare --out " + out + ": " + e.getMessage(), e);
        }
    }

    /** The hex SHA-256 of a file's bytes. */
    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
