package dev.seedling.bench;

import dev.seedling.data.text.BundledCorpus;
import dev.seedling.data.tokenizer.BpeTokenizer;
import dev.seedling.data.tokenizer.BpeTrainer;
import dev.seedling.data.tokenizer.BpeTrainerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte-level BPE encoding throughput on the bundled corpus (KJV, 4.3 MB), in MB of UTF-8 input per second.
 * Trains a tokenizer of the given vocabulary size on the corpus, cuts the corpus into ~64 KiB chunks before line ends,
 * and times {@link BpeTokenizer#encodeBatch} over all of them: the first pass (empty piece cache, a fresh tokenizer
 * read back from its JSON) and the best of the following passes. Parallelism is the common fork-join pool, so run
 * with {@code -XX:ActiveProcessorCount=2} for a 2-core figure. Each pass also reports MB per second of process CPU
 * time (all threads, JIT and GC included), times 2: what two uncontended cores would give, for machines shared with
 * other work, where wall-clock figures understate. A last pass encodes on one thread and reports MB per second of
 * that thread's CPU time. A main, not a test: nothing asserts timing.
 *
 * <p>Usage: {@code TokenizeBenchmark [vocabSize=8192] [passes=5]}
 */
public final class TokenizeBenchmark {
    private TokenizeBenchmark() {
    }

    /** Runs the benchmark and prints one line per pass and a summary. */
    public static void main(String[] args) throws IOException {
        int vocab = args.length > 0 ? Integer.parseInt(args[0]) : 8192;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String corpus;
        try (InputStream in = BundledCorpus.open()) {
            corpus = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        double mb = corpus.getBytes(StandardCharsets.UTF_8).length / 1e6;
        List<String> chunks = new ArrayList<>();
        int from = 0;
        while (from < corpus.length()) {
            // cut before a newline that ends a line of text: a pre-tokenizer boundary, so chunks encode as the whole
            int nl = corpus.indexOf('\n', Math.min(corpus.length(), from + 65536));
            while (nl > 0 && Character.isWhitespace(corpus.charAt(nl - 1))) {
                nl = corpus.indexOf('\n', nl + 1);
            }
            int to = nl < 0 ? corpus.length() : nl;
            chunks.add(corpus.substring(from, to));
            from = to;
        }
        long t0 = System.nanoTime();
        BpeTokenizer trained = BpeTrainer.train(BpeTrainerConfig.of(vocab), List.of(corpus));
        double trainS = (System.nanoTime() - t0) / 1e9;
        // a fresh instance, so that the first pass starts with an empty piece cache
        BpeTokenizer tok = dev.seedling.data.tokenizer.TokenizerJson.parse(
                dev.seedling.data.tokenizer.TokenizerJson.toJson(trained), "trained", trained.utf8Policy());
        System.out.printf("corpus %.2f MB in %d chunks; trained vocab %d (%d merges) in %.2f s; %d processors%n",
                mb, chunks.size(), tok.vocabSize(), tok.merges().size(), trainS,
                Runtime.getRuntime().availableProcessors());
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        double first = 0;
        double best = 0;
        double bestCpu = 0;
        double[] warm = new double[passes];
        long tokens = 0;
        for (int p = 0; p <= passes; p++) {
            long s = System.nanoTime();
            long c = os.getProcessCpuTime();
            int[][] ids = tok.encodeBatch(chunks);
            double secs = (System.nanoTime() - s) / 1e9;
            double cpu = (os.getProcessCpuTime() - c) / 1e9;
            tokens = 0;
            for (int[] a : ids) {
                tokens += a.length;
            }
            double rate = mb / secs;
            System.out.printf("pass %d: %.3f s, %.1f MB/s wall, %.1f MB/s per 2 CPU-s, %d tokens (%.2f bytes/token)%n",
                    p, secs, rate, 2 * mb / cpu, tokens, mb * 1e6 / tokens);
            if (p == 0) {
                first = rate;
            } else {
                best = Math.max(best, rate);
                warm[p - 1] = rate;
                bestCpu = Math.max(bestCpu, 2 * mb / cpu);
            }
        }
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long c = threads.getCurrentThreadCpuTime();
        for (String chunk : chunks) {
            tok.encode(chunk);
        }
        double one = mb / ((threads.getCurrentThreadCpuTime() - c) / 1e9);
        java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("seedling-bench");
        java.nio.file.Path file = BundledCorpus.extractTo(tmp);
        BpeTokenizer fresh = dev.seedling.data.tokenizer.TokenizerJson.parse(
                dev.seedling.data.tokenizer.TokenizerJson.toJson(trained), "trained", trained.utf8Policy());
        long e0 = System.nanoTime();
        var opened = dev.seedling.data.text.TokenCache.open(file.toString(), tmp.resolve("cache"), fresh,
                dev.seedling.data.text.DocumentBoundary.FILE, dev.seedling.data.tokenizer.Utf8Policy.STRICT);
        double cacheS = (System.nanoTime() - e0) / 1e9;
        long r0 = System.nanoTime();
        var reopened = dev.seedling.data.text.TokenCache.open(file.toString(), tmp.resolve("cache"), fresh,
                dev.seedling.data.text.DocumentBoundary.FILE, dev.seedling.data.tokenizer.Utf8Policy.STRICT);
        double reuseS = (System.nanoTime() - r0) / 1e9;
        System.out.printf("token cache: built %d tokens (= %d chunked + 1 EOS: %s) in %.2f s (%.1f MB/s, fresh tokenizer, file read and"
                + " written); reopened (%s) in %.3f s%n", opened.manifest().tokenCount(), tokens,
                opened.manifest().tokenCount() == tokens + 1 ? "yes" : "NO", cacheS, mb / cacheS,
                reopened.status(), reuseS);
        java.util.Arrays.sort(warm);
        System.out.printf("RESULT first pass %.1f MB/s wall; warm: median %.1f, best %.1f MB/s wall, best %.1f MB/s per"
                + " 2 CPU-seconds; one thread %.1f MB/s per CPU-second%n", first, warm[passes / 2], best, bestCpu, one);
    }
}
