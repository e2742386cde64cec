package dev.seedling.io;

import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Malformed files: each gives a SafeTensorsFormatException naming the file, the tensor where there is one, and a byte offset. */
class SafeTensorsCorruptFileTest {
    @TempDir
    Path dir;

    /** A file with the given header text (unpadded) and {@code dataBytes} zero bytes of data. */
    static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).array();
    }

    static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin
                + "," + end + "]}";
    }

    /** name, file bytes, tensor named in the error (or null), expected offset (or -1 for "any"), message part. */
    static Stream<Arguments> corruptFiles() {
        String ok = entry("a", "F32", "[2]", 0, 8);
        int okHeaderEnd = 8 + ("{" + ok + "}").length();
        return Stream.of(
                Arguments.of("shorter than the length prefix", new byte[]{1, 2, 3}, null, 0L, "3 bytes"),
                Arguments.of("truncated header", Arrays.copyOf(file("{" + ok + "}", 8), 20), null, 0L,
                        "runs past the end"),
                Arguments.of("header length beyond the file", lengthPrefix(1000, 16), null, 0L, "runs past the end"),
                Arguments.of("header length over the 100 MB bound", lengthPrefix(200_000_000L, 16), null, 0L,
                        "exceeds the limit"),
                Arguments.of("header length with the top bit set", lengthPrefix(-8, 16), null, 0L,
                        "18446744073709551608"),
                Arguments.of("header not starting with {", file(" {" + ok + "}", 8), null, 8L, "not '{'"),
                Arguments.of("invalid JSON", file("{" + ok + ",}", 8), null, -1L, "not valid JSON"),
                Arguments.of("trailing garbage", file("{" + ok + "} x", 8), null, (long) okHeaderEnd + 1,
                        "not valid JSON"),
                Arguments.of("invalid UTF-8", withByte(file("{\"?\":1}", 0), 10, 0xFF), null, 10L, "UTF-8"),
                Arguments.of("empty header", file("", 0), null, 8L, "empty"),
                Arguments.of("exponent offset", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,"
                        + "4e0]}}", 4), "w", -1L, "non-negative integers"),
                Arguments.of("negative shape", file("{" + entry("w", "F32", "[-1,2]", 0, 8) + "}", 8), "w", -1L,
                        "negative"),
                Arguments.of("overflowing shape", file("{" + entry("w", "F32", "[65536,65536]", 0, 8) + "}", 8),
                        "w", -1L, "2^31-9"),
                // one past the JVM's largest array: accepted before, then an OutOfMemoryError when decoded
                Arguments.of("shape of 2^31-8 elements", file("{" + entry("w", "U8", "[2147483640]", 0, 8) + "}", 8),
                        "w", -1L, "2^31-9"),
                // a Jackson limit error that carries no location: the parser's position is reported instead
                Arguments.of("1,201-digit number", file("{" + entry("w", "F32", "[" + "1".repeat(1201) + "]", 0, 8)
                        + "}", 8), null, -1L, "not valid JSON"),
                Arguments.of("huge shape", file("{" + entry("w", "F32", "[99999999999999999999999]", 0, 8) + "}",
                        8), "w", -1L, "too large"),
                Arguments.of("fractional shape", file("{" + entry("w", "F32", "[2.0]", 0, 8) + "}", 8), "w", -1L,
                        "non-negative integers"),
                Arguments.of("offsets outside the data", file("{" + entry("w", "F32", "[2]", 4, 12) + "}", 8), "w",
                        -1L, "past the data section"),
                Arguments.of("huge offsets", file("{" + entry("w", "F32", "[2]", Long.MAX_VALUE - 7,
                        Long.MAX_VALUE) + "}", 8), "w", -1L, "past the data section"),
                Arguments.of("begin after end", file("{" + entry("w", "F32", "[0]", 8, 0) + "}", 8), "w", -1L,
                        "begin after"),
                Arguments.of("overlapping tensors", file("{" + entry("a", "F32", "[2]", 0, 8) + ","
                        + entry("b", "F32", "[2]", 4, 12) + "}", 12), "b", -1L, "overlap tensor 'a'"),
                Arguments.of("dtype x shape != byte length", file("{" + entry("w", "F32", "[3]", 0, 8) + "}", 8),
                        "w", -1L, "needs 3 x 4 = 12"),
                Arguments.of("duplicate names", file("{" + ok + "," + ok + "}", 8), "a", 8L + 1 + ok.length() + 1,
                        "appears twice"),
                Arguments.of("unknown dtype", file("{" + entry("w", "Q4", "[2]", 0, 8) + "}", 8), "w", -1L,
                        "unknown dtype \"Q4\""),
                Arguments.of("extra key", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4],"
                        + "\"x\":1}}", 4), "w", -1L, "unexpected key 'x'"),
                Arguments.of("missing key", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[]}}", 4), "w", -1L,
                        "lacks data_offsets"),
                Arguments.of("three offsets", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4,"
                        + "8]}}", 4), "w", -1L, "exactly two"),
                Arguments.of("non-string metadata", file("{\"__metadata__\":{\"k\":1}}", 0), "__metadata__", -1L,
                        "must be a string"));
    }

    private static byte[] withByte(byte[] b, int index, int value) {
        b[index] = (byte) value;
        return b;
    }

    private static byte[] lengthPrefix(long n, int total) {
        return ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN).putLong(n).put((byte) '{').array();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void corruptFileGivesFormatExceptionNamingFileTensorAndOffset(String why, byte[] bytes, String tensor,
                                                                  long offset, String message) throws Exception {
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, bytes);
        for (var attempt : new Runnable[]{() -> SafeTensors.read(f), () -> SafeTensors.open(f).close()}) {
            assertThatThrownBy(attempt::run).isInstanceOfSatisfying(SafeTensorsFormatException.class, e -> {
                assertThat(e.file()).isEqualTo(f);
                assertThat(e.getMessage()).contains(f.toString()).contains(message);
                assertThat(e.tensorName().orElse(null)).isEqualTo(tensor);
                if (tensor != null) {
                    assertThat(e.getMessage()).contains("tensor '" + tensor + "'");
                }
                assertThat(e.byteOffset()).isBetween(0L, (long) bytes.length);
                assertThat(e.getMessage()).contains("at byte " + e.byteOffset());
                if (offset >= 0) {
                    assertThat(e.byteOffset()).isEqualTo(offset);
                }
            });
        }
    }

    @Test
    void offsetsPointAtTheBadTokenOrTheTensorsData() throws Exception {
        Path f = dir.resolve("o.safetensors");
        String header = "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}";
        Files.write(f, file(header, 12));
        assertThatThrownBy(() -> SafeTensors.read(f)).isInstanceOfSatisfying(SafeTensorsFormatException.class,
                e -> assertThat(e.byteOffset()).isEqualTo(8 + header.length() + 4));
        String bad = "{\"é\":{\"dtype\":\"Q4\",\"shape\":[],\"data_offsets\":[0,4]}}";
        Files.write(f, file(bad, 4));
        int badAt = 8 + bad.getBytes(StandardCharsets.UTF_8).length - bad.length() + bad.indexOf("\"Q4\"");
        assertThatThrownBy(() -> SafeTensors.read(f)).isInstanceOfSatisfying(SafeTensorsFormatException.class,
                e -> assertThat(e.byteOffset()).isEqualTo(badAt));
    }

    @Test
    void hugeClaimedLengthsAreRefusedWithoutAllocatingThem() throws Exception {
        Path f = dir.resolve("h.safetensors");
        Files.write(f, lengthPrefix(99_999_999L, 64));
        long allocated = allocatedDuring(() -> assertThatThrownBy(() -> SafeTensors.read(f))
                .isInstanceOf(SafeTensorsFormatException.class));
        assertThat(allocated).isLessThan(1 << 20);
    }

    /**
     * A few thousand seeded mutations of a valid file: byte flips, truncations, extensions, rewritten length prefixes
     * and rewritten numbers in the header. Reading each must either succeed or throw SafeTensorsFormatException, and
     * must never allocate more than 1 MiB plus 16 times the file's size (reads of these ~500-byte files allocate at
     * most ~250 KB, mostly exception stack traces; a claimed length that was trusted would allocate up to 100 MB).
     */
    @Test
    void fuzzedFilesThrowOnlyFormatExceptionsAndAllocateBoundedMemory() throws Exception {
        Path valid = dir.resolve("valid.safetensors");
        SafeTensors.write(valid, SafeTensorsRoundTripTest.sample(), Map.of("k", "v"), FloatStorage.F32);
        byte[] original = Files.readAllBytes(valid);
        int headerLength = (int) ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Random rnd = new Random(20261126);
        Path f = dir.resolve("fuzz.safetensors");
        Files.write(f, original);
        SafeTensors.read(f); // warm up class loading before measuring allocation
        try (var m = MappedSafeTensors.open(f, 100)) {
            m.loadAll();
        }
        int succeeded = 0;
        int failed = 0;
        // Rewritten in place through one channel: truncating to zero and rewriting makes ext4 flush each time.
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            for (int iter = 0; iter < 3000; iter++) {
                byte[] b = mutate(original, headerLength, rnd);
                ch.write(ByteBuffer.wrap(b), 0);
                ch.truncate(b.length);
                boolean mapped = iter % 4 == 3;
                long before = allocatedBytes();
                Throwable thrown = null;
                try {
                    if (mapped) {
                        try (var m = MappedSafeTensors.open(f, 64 + rnd.nextInt(512))) {
                            m.entries().keySet().forEach(name -> m.load(name).numel());
                        }
                    } else {
                        SafeTensors.read(f).tensors().values().forEach(Tensor::numel);
                    }
                } catch (Throwable t) {
                    thrown = t;
                }
                long allocated = allocatedBytes() - before;
                if (thrown != null && !(thrown instanceof SafeTensorsFormatException)) {
                    fail("iteration " + iter + " threw " + thrown + " for a file of " + b.length + " bytes", thrown);
                }
                assertThat(allocated).as("bytes allocated reading mutation %d (%d bytes)", iter, b.length)
                        .isLessThan((1L << 20) + 16L * b.length);
                if (thrown == null) {
                    succeeded++;
                } else {
                    assertThat(((SafeTensorsFormatException) thrown).file()).isEqualTo(f);
                    failed++;
                }
            }
        }
        assertThat(succeeded).isGreaterThan(50);
        assertThat(failed).isGreaterThan(1000);
    }

    private static byte[] mutate(byte[] original, int headerLength, Random rnd) {
        byte[] b = original.clone();
        switch (rnd.nextInt(6)) {
            case 0 -> { // flip a few random bytes anywhere
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length)); // truncate
            case 2 -> b = Arrays.copyOf(b, b.length + 1 + rnd.nextInt(64)); // extend with zeros
            case 3 -> { // rewrite the length prefix
                long n = switch (rnd.nextInt(4)) {
                    case 0 -> rnd.nextLong();
                    case 1 -> headerLength + rnd.nextInt(33) - 16;
                    case 2 -> 100_000_000L - rnd.nextInt(3);
                    default -> rnd.nextInt(b.length + 16);
                };
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
            }
            case 4 -> { // rewrite one digit run of the header with another number
                String h = new String(b, 8, headerLength, StandardCharsets.ISO_8859_1);
                var m = java.util.regex.Pattern.compile("\\d+").matcher(h);
                int count = (int) m.results().count();
                m.reset();
                int pick = rnd.nextInt(count);
                for (int i = 0; i <= pick; i++) {
                    m.find();
                }
                String replacement = switch (rnd.nextInt(5)) {
                    case 0 -> "-" + m.group();
                    case 1 -> Long.toString(rnd.nextLong() >>> rnd.nextInt(64));
                    case 2 -> Integer.toString(Integer.parseInt(m.group().length() > 9 ? "1" : m.group())
                            + rnd.nextInt(9) - 4);
                    case 3 -> "99999999999999999999999999";
                    default -> "1e3";
                };
                String nh = h.substring(0, m.start()) + replacement + h.substring(m.end());
                byte[] hb = nh.getBytes(StandardCharsets.ISO_8859_1);
                byte[] data = Arrays.copyOfRange(b, 8 + headerLength, b.length);
                b = ByteBuffer.allocate(8 + hb.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(hb.length).put(hb).put(data).array();
            }
            default -> { // overwrite a header byte with a JSON-significant character
                byte[] chars = "{}[],:\"\\ -0eE".getBytes(StandardCharsets.US_ASCII);
                b[8 + rnd.nextInt(headerLength)] = chars[rnd.nextInt(chars.length)];
            }
        }
        return b;
    }

    private static long allocatedDuring(Runnable r) {
        long before = allocatedBytes();
        r.run();
        return allocatedBytes() - before;
    }

    /** Bytes this thread has allocated so far (HotSpot's per-thread counter). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
