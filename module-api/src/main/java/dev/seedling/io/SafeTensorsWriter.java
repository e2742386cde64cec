package dev.seedling.io;

import dev.seedling.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes a safetensors file the way the reference implementation lays it out, atomically.
 *
 * <p>Layout: tensors sorted by stored dtype in {@link SafeTensorsDType} order, descending (I64, F32, I32, BF16, F16),
 * then by name in UTF-8 byte order, with contiguous data; the header is compact JSON with {@code __metadata__} first
 * (keys in UTF-8 byte order) and each entry's keys as {@code dtype, shape, data_offsets}, padded with spaces to a
 * multiple of 8 bytes. The descending-size order keeps every tensor aligned to its element size.
 */
final class SafeTensorsWriter {
    private static final int BLOCK_BYTES = 1 << 20;

    private SafeTensorsWriter() {
    }

    /** One tensor's place in the file. */
    private record Planned(String name, byte[] utf8Name, Tensor tensor, SafeTensorsDType stored, long begin,
                           long end) {
    }

    static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata, FloatStorage storage) {
        if (file == null || tensors == null || storage == null) {
            throw new NullPointerException("SafeTensors.write: file, tensors and storage must not be null");
        }
        List<Planned> plan = plan(tensors, storage);
        byte[] header = header(plan, metadata == null ? Map.of() : metadata);
        writeAtomically(file.toAbsolutePath(), header, plan);
    }

    private static List<Planned> plan(Map<String, Tensor> tensors, FloatStorage storage) {
        List<Planned> unplaced = new ArrayList<>();
        for (var en : tensors.entrySet()) {
            String name = en.getKey();
            Tensor t = en.getValue();
            if (name == null || t == null) {
                throw new IllegalArgumentException("SafeTensors.write: null " + (name == null ? "name" : "tensor")
                        + (name == null ? "" : " for '" + name + "'"));
            }
            if (name.equals(HeaderJson.METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors.write: '" + name
                        + "' is reserved for the metadata map and cannot name a tensor");
            }
            SafeTensorsDType stored = SafeTensorsDType.of(t.dtype());
            if (stored == SafeTensorsDType.F32) {
                stored = storage.storedAs();
            }
            unplaced.add(new Planned(name, utf8("tensor name", name), t, stored, 0, 0));
        }
        unplaced.sort(Comparator.comparing(Planned::stored).reversed()
                .thenComparing(Planned::utf8Name, Arrays::compareUnsigned));
        List<Planned> plan = new ArrayList<>(unplaced.size());
        long offset = 0;
        for (Planned p : unplaced) {
            long bytes = (long) p.tensor().numel() * p.stored().byteSize();
            plan.add(new Planned(p.name(), p.utf8Name(), p.tensor(), p.stored(), offset, offset + bytes));
            offset += bytes;
        }
        return plan;
    }

    /** The header bytes, padded with spaces to a multiple of 8. */
    private static byte[] header(List<Planned> plan, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append("\"__metadata__\":{");
            var keys = new ArrayList<String>();
            for (var en : metadata.entrySet()) {
                if (en.getKey() == null || en.getValue() == null) {
                    throw new IllegalArgumentException("SafeTensors.write: metadata has a null key or value");
                }
                utf8("metadata key", en.getKey());
                utf8("metadata value", en.getValue());
                keys.add(en.getKey());
            }
            keys.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                    b.getBytes(StandardCharsets.UTF_8)));
            for (int i = 0; i < keys.size(); i++) {
                json.append(i == 0 ? "" : ",");
                quote(json, keys.get(i)).append(':');
                quote(json, metadata.get(keys.get(i)));
            }
            json.append('}');
        }
        for (Planned p : plan) {
            json.append(json.length() == 1 ? "" : ",");
            quote(json, p.name()).append(":{\"dtype\":\"").append(p.stored().name()).append("\",\"shape\":[");
            int[] dims = p.tensor().dims();
            for (int i = 0; i < dims.length; i++) {
                json.append(i == 0 ? "" : ",").append(dims[i]);
            }
            json.append("],\"data_offsets\":[").append(p.begin()).append(',').append(p.end()).append("]}");
        }
        json.append('}');
        byte[] raw = json.toString().getBytes(StandardCharsets.UTF_8);
        if (((raw.length + 7L) & ~7L) > SafeTensorsHeader.MAX_HEADER_BYTES) {
            // readers (this one, and the reference implementation) refuse such files: do not write one
            throw new IllegalArgumentException("SafeTensors.write: the header would be " + raw.length
                    + " bytes, over the " + SafeTensorsHeader.MAX_HEADER_BYTES + "-byte limit readers accept "
                    + "(metadata or tensor names too long)");
        }
        byte[] padded = Arrays.copyOf(raw, (raw.length + 7) & ~7);
        Arrays.fill(padded, raw.length, padded.length, (byte) ' ');
        return padded;
    }

    /** JSON string escaping as serde_json and Python's json (ensure_ascii=False) do it. */
    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    private static byte[] utf8(String what, String s) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
            return Arrays.copyOf(b.array(), b.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("SafeTensors.write: " + what + " '" + s
                    + "' is not valid Unicode (an unpaired surrogate) and cannot be written as UTF-8", e);
        }
    }

    /** The header and the planned tensors, through {@link DurableFiles#writeAtomically}. */
    private static void writeAtomically(Path file, byte[] header, List<Planned> plan) {
        try {
            DurableFiles.writeAtomically(file, ch -> {
                ByteBuffer buf = ByteBuffer.allocate(BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                buf.putLong(header.length);
                for (int i = 0; i < header.length; ) {
                    drainIfFull(ch, buf, 1);
                    int k = Math.min(buf.remaining(), header.length - i);
                    buf.put(header, i, k);
                    i += k;
                }
                for (Planned p : plan) {
                    encode(ch, buf, p);
                }
                drainIfFull(ch, buf, BLOCK_BYTES);
                long expected = 8L + header.length + (plan.isEmpty() ? 0 : plan.getLast().end());
                if (ch.position() != expected) {
                    throw new IllegalStateException("wrote " + ch.position() + " bytes to " + file + " but planned "
                            + expected + " (did a tensor change while being written?)");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static void encode(FileChannel ch, ByteBuffer buf, Planned p) throws IOException {
        switch (p.tensor().dtype()) {
            case F32 -> {
                float[] v = p.tensor().toFloatArray();
                for (float x : v) {
                    drainIfFull(ch, buf, 4);
                    switch (p.stored()) {
                        case F16 -> buf.putShort(HalfFloats.floatToF16(x));
                        case BF16 -> buf.putShort(HalfFloats.floatToBf16(x));
                        default -> buf.putFloat(x);
                    }
                }
            }
            case I32 -> {
                for (long x : p.tensor().toLongArray()) {
                    drainIfFull(ch, buf, 4);
                    buf.putInt((int) x);
                }
            }
            case I64 -> {
                for (long x : p.tensor().toLongArray()) {
                    drainIfFull(ch, buf, 8);
                    buf.putLong(x);
                }
            }
            default -> throw new IllegalStateException("no encoder for " + p.tensor().dtype()); // refused in plan()
        }
    }

    /** Writes the buffer out when fewer than {@code need} bytes remain in it. */
    private static void drainIfFull(FileChannel ch, ByteBuffer buf, int need) throws IOException {
        if (buf.remaining() < need) {
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            buf.clear();
        }
    }
}
