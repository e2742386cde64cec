package dev.seedling.data.text;

import dev.seedling.data.progress.Progress;
import dev.seedling.data.tokenizer.Tokenizer;
import dev.seedling.data.tokenizer.Utf8Policy;
import dev.seedling.io.DurableFiles;
import lombok.extern.slf4j.Slf4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Tokenises text sources once into {@code <stem>.tokens} (little-endian int32 ids, an EOS after every document) next
 * to {@code <stem>.manifest.json} ({@link CacheManifest}), and reuses them while the manifest matches the tokenizer
 * fingerprint, the boundary and policy, and every source's size and modification time. The stem is a hash of the
 * source specification, so one cache directory can serve several corpora.
 *
 * <p>Building streams the sources ({@link CorpusReader}) and encodes chunks in parallel batches of about 8 M chars;
 * the token file is written under a temporary name and the manifest last, so an interrupted build is never taken for
 * a valid cache. Not safe for two processes building the same cache at once.
 */
@Slf4j
public final class TokenCache {
    private static final int BATCH_CHARS = 8 << 20;

    private TokenCache() {
    }

    /** Whether {@link #open} reused the cache or (re)built it. */
    public enum Status {
        /** The cache was fresh and nothing was tokenised. */
        REUSED,
        /** The cache was missing or stale and was built. */
        BUILT
    }

    /**
     * An opened cache.
     *
     * @param tokens the mapped token file
     * @param manifest its manifest
     * @param status reused or built
     * @param reason why it was built ("no cache", "tokenizer changed", ...), or "fresh" when reused
     */
    public record Opened(TokenFile tokens, CacheManifest manifest, Status status, String reason) {
    }

    /**
     * Opens, building if needed, the cache of {@code sourceSpec} in {@code cacheDir}.
     *
     * @param sourceSpec a file, directory or glob (see {@link TextSources})
     * @throws TextSourceException naming a path that cannot be read or has no text
     * @throws dev.seedling.data.tokenizer.InvalidUtf8Exception under STRICT, naming the file and byte offset
     * @throws UncheckedIOException naming the cache file if it cannot be written
     */
    public static Opened open(String sourceSpec, Path cacheDir, Tokenizer tokenizer, DocumentBoundary boundary,
                              Utf8Policy policy) {
        List<Path> files = TextSources.resolve(sourceSpec);
        List<CacheManifest.SourceFile> state = files.stream().map(CacheManifest.SourceFile::of).toList();
        CacheManifest wanted = new CacheManifest(tokenizer.fingerprint(), tokenizer.eosId(), boundary,
                policy.name(), state, -1, -1);
        String stem = stem(sourceSpec, boundary);
        Path tokensFile = cacheDir.resolve(stem + ".tokens");
        Path manifestFile = cacheDir.resolve(stem + ".manifest.json");
        Optional<CacheManifest> stored = CacheManifest.read(manifestFile);
        String reason;
        if (stored.isEmpty()) {
            reason = "no cache";
        } else {
            reason = wanted.staleReason(stored.get()).orElse(null);
            if (reason == null && !sizeMatches(tokensFile, stored.get().tokenCount())) {
                reason = "token file missing or truncated";
            }
            if (reason == null) {
                log.debug("token cache {} is fresh", tokensFile);
                return new Opened(TokenFile.map(tokensFile), stored.get(), Status.REUSED, "fresh");
            }
        }
        log.info("building token cache {} ({})", tokensFile, reason);
        CacheManifest built = build(sourceSpec, files, wanted, tokenizer, tokensFile, manifestFile);
        return new Opened(TokenFile.map(tokensFile), built, Status.BUILT, reason);
    }

    private static boolean sizeMatches(Path tokens, long count) {
        try {
            return Files.isRegularFile(tokens) && Files.size(tokens) == count * 4;
        } catch (IOException e) {
            return false;
        }
    }

    private static CacheManifest build(String spec, List<Path> files, CacheManifest wanted, Tokenizer tokenizer,
                                       Path tokensFile, Path manifestFile) {
        try {
            Files.createDirectories(tokensFile.getParent());
            Files.deleteIfExists(manifestFile);
            // a tokenisation stopped by Ctrl-C leaves its partial file: as large as the cache, and never reused
            int leftovers = DurableFiles.removeLeftovers(tokensFile);
            if (leftovers > 0) {
                log.info("removed {} partial token cache file(s) of an interrupted build next to {}", leftovers,
                        tokensFile.getFileName());
            }
            long totalBytes = wanted.sources().stream().mapToLong(CacheManifest.SourceFile::size).sum();
            BatchWriter[] written = new BatchWriter[1];
            DurableFiles.writeAtomically(tokensFile, out -> {
                try (Progress progress = Progress.start("tokenising " + spec, totalBytes, "B")) {
                    BatchWriter writer = new BatchWriter(out, tokenizer);
                    CorpusReader reader = new CorpusReader(wanted.boundary(), Utf8Policy.valueOf(wanted.utf8Policy()));
                    for (Path f : files) {
                        reader.read(f, writer, progress);
                    }
                    writer.flush();
                    written[0] = writer;
                }
            });
            CacheManifest done = wanted.withCounts(written[0].tokens, written[0].documents);
            DurableFiles.writeAtomically(manifestFile, done.toJson().getBytes(StandardCharsets.UTF_8));
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write token cache " + tokensFile + ": " + e, e);
        }
    }

    static String stem(String spec, DocumentBoundary boundary) {
        String key = Path.of(spec.replace('*', '_').replace('?', '_')).toAbsolutePath().normalize() + "|" + spec + "|"
                + boundary;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "tokens-" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Collects chunks and document ends; encodes each batch in parallel and appends ids in order. */
    private static final class BatchWriter implements DocumentSink {
        private final FileChannel out;
        private final Tokenizer tokenizer;
        private final int eos;
        private final List<String> chunks = new ArrayList<>();
        private final List<Integer> eosAfter = new ArrayList<>(); // number of chunks before each EOS
        private long chars;
        long tokens;
        long documents;

        BatchWriter(FileChannel out, Tokenizer tokenizer) {
            this.out = out;
            this.tokenizer = tokenizer;
            this.eos = tokenizer.eosId();
        }

        @Override
        public void text(String chunk) {
            chunks.add(chunk);
            chars += chunk.length();
            if (chars >= BATCH_CHARS) {
                flush();
            }
        }

        @Override
        public void endDocument() {
            eosAfter.add(chunks.size());
            documents++;
        }

        void flush() {
            int[][] ids = tokenizer.encodeBatch(chunks);
            long n = eosAfter.size();
            for (int[] a : ids) {
                n += a.length;
            }
            ByteBuffer buf = ByteBuffer.allocate((int) (n * 4)).order(ByteOrder.LITTLE_ENDIAN);
            int e = 0;
            for (int c = 0; c <= ids.length; c++) {
                while (e < eosAfter.size() && eosAfter.get(e) == c) {
                    buf.putInt(eos);
                    e++;
                }
                if (c < ids.length) {
                    for (int id : ids[c]) {
                        buf.putInt(id);
                    }
                }
            }
            buf.flip();
            try {
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot write token cache: " + ex, ex);
            }
            tokens += n;
            chunks.clear();
            eosAfter.clear();
            chars = 0;
        }
    }
}
