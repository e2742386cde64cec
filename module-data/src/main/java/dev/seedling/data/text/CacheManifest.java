package dev.seedling.data.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON manifest written next to a token cache file: what the tokens were made from and how. A cache is fresh
 * iff a manifest computed now from the sources {@linkplain #staleReason equals} the stored one.
 *
 * @param tokenizer the tokenizer's {@link dev.seedling.data.tokenizer.Tokenizer#fingerprint() fingerprint}
 * @param eosId the id placed after each document
 * @param boundary how documents were split
 * @param utf8Policy how invalid UTF-8 was treated
 * @param sources every source file with its size and modification time, in token order
 * @param tokenCount tokens in the cache file (-1 until built)
 * @param documentCount documents in it (-1 until built)
 */
public record CacheManifest(String tokenizer, int eosId, DocumentBoundary boundary, String utf8Policy,
                            List<SourceFile> sources, long tokenCount, long documentCount) {
    /** The cache file format this code writes and reads. */
    public static final String FORMAT = "seedling-token-cache/1 int32-le";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * A source file as seen when the cache was built.
     *
     * @param path absolute path
     * @param size bytes
     * @param modifiedMillis last-modified time in epoch milliseconds
     */
    public record SourceFile(String path, long size, long modifiedMillis) {
        /**
         * The current state of {@code file}.
         *
         * @throws TextSourceException naming the file if its attributes cannot be read
         */
        public static SourceFile of(Path file) {
            try {
                FileTime t = Files.getLastModifiedTime(file);
                return new SourceFile(file.toAbsolutePath().normalize().toString(), Files.size(file), t.toMillis());
            } catch (IOException e) {
                throw new TextSourceException("cannot read text file " + file + ": " + e, e);
            }
        }
    }

    /** Copies the list. */
    public CacheManifest {
        sources = List.copyOf(sources);
    }

    /** The same manifest with the counts filled in. */
    public CacheManifest withCounts(long tokens, long documents) {
        return new CacheManifest(tokenizer, eosId, boundary, utf8Policy, sources, tokens, documents);
    }

    /**
     * Why a cache described by {@code stored} cannot serve a request described by this manifest, or empty if it can.
     */
    public Optional<String> staleReason(CacheManifest stored) {
        if (!tokenizer.equals(stored.tokenizer) || eosId != stored.eosId) {
            return Optional.of("tokenizer changed");
        }
        if (boundary != stored.boundary || !utf8Policy.equals(stored.utf8Policy)) {
            return Optional.of("document boundary or UTF-8 policy changed");
        }
        if (sources.size() != stored.sources.size()) {
            return Optional.of("number of source files changed from " + stored.sources.size() + " to "
                    + sources.size());
        }
        for (int i = 0; i < sources.size(); i++) {
            SourceFile now = sources.get(i);
            SourceFile then = stored.sources.get(i);
            if (!now.equals(then)) {
                return Optional.of("source " + now.path() + " changed (size " + then.size() + " -> " + now.size()
                        + ", modified " + then.modifiedMillis() + " -> " + now.modifiedMillis() + ")");
            }
        }
        return Optional.empty();
    }

    /** The manifest as JSON text (what {@code read} reads; TokenCache writes it atomically). */
    public String toJson() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("tokenizer", tokenizer);
        root.put("eosId", eosId);
        root.put("boundary", boundary.name());
        root.put("utf8Policy", utf8Policy);
        root.put("tokenCount", tokenCount);
        root.put("documentCount", documentCount);
        var arr = root.putArray("sources");
        for (SourceFile s : sources) {
            arr.addObject().put("path", s.path()).put("size", s.size()).put("modifiedMillis", s.modifiedMillis());
        }
        return JSON.writeValueAsString(root);
    }

    /** Reads a manifest, or empty if it is missing, unreadable, malformed or of another format. */
    public static Optional<CacheManifest> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(file));
            if (!FORMAT.equals(n.path("format").asText())) {
                return Optional.empty();
            }
            List<SourceFile> src = new ArrayList<>();
            for (JsonNode s : n.path("sources")) {
                src.add(new SourceFile(s.path("path").asText(), s.path("size").asLong(),
                        s.path("modifiedMillis").asLong()));
            }
            return Optional.of(new CacheManifest(n.path("tokenizer").asText(), n.path("eosId").asInt(),
                    DocumentBoundary.valueOf(n.path("boundary").asText()), n.path("utf8Policy").asText(), src,
                    n.path("tokenCount").asLong(), n.path("documentCount").asLong()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
