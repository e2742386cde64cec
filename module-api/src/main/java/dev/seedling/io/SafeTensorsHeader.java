package dev.seedling.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SequencedMap;

/**
 * A validated safetensors header: the tensors it declares, in header order, and its {@code __metadata__}.
 *
 * <p>Checks, in order: the file holds the 8-byte little-endian header length; the length is at most
 * {@link #MAX_HEADER_BYTES} and fits in the file; the header is UTF-8 starting with <code>{</code>; it is one JSON
 * object (trailing spaces allowed) whose entries are described in {@link HeaderJson}; every tensor's data lies inside
 * the data section, with {@code begin <= end} and {@code end - begin = numel * byteSize}; no two tensors' data
 * overlap. Gaps between tensors and bytes after the last are accepted (the reference implementation refuses them;
 * they are harmless to a reader that copies by offset).
 *
 * @param headerLength the JSON header's length in bytes (the 8-byte prefix's value)
 * @param entries      the tensors, in the order the header lists them
 * @param metadata     the {@code __metadata__} map, in header order; empty when absent
 */
record SafeTensorsHeader(long headerLength, SequencedMap<String, TensorEntry> entries,
                         SequencedMap<String, String> metadata) {
    /** Longest header accepted, the reference implementation's bound: 100 MB. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    SafeTensorsHeader {
        entries = Collections.unmodifiableSequencedMap(entries);
        metadata = Collections.unmodifiableSequencedMap(metadata);
    }

    /** File offset of the first data byte. */
    long dataStart() {
        return 8 + headerLength;
    }

    /** Reads and validates the header of {@code file} through {@code source}. */
    static SafeTensorsHeader read(Path file, ByteSource source) {
        long size = source.size();
        if (size < 8) {
            throw new SafeTensorsFormatException(file, null, 0, "the file is " + size
                    + " bytes; a safetensors file starts with an 8-byte little-endian header length");
        }
        byte[] prefix = new byte[8];
        source.read(0, prefix, 0, 8);
        long n = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new SafeTensorsFormatException(file, null, 0, "header length " + Long.toUnsignedString(n)
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (n > size - 8) {
            throw new SafeTensorsFormatException(file, null, 0, "header length " + n
                    + " runs past the end of the file (the file is " + size + " bytes, so at most " + (size - 8)
                    + " are left after the length)");
        }
        byte[] header = new byte[(int) n];
        source.read(8, header, 0, header.length);
        if (n == 0 || header[0] != '{') {
            throw new SafeTensorsFormatException(file, null, 8, n == 0 ? "the header is empty"
                    : String.format("the header starts with byte 0x%02x, not '{'", header[0] & 0xFF));
        }
        boolean nonAscii = checkUtf8(file, header);
        HeaderJson json = HeaderJson.parse(file, header, nonAscii);
        checkData(file, json, n, size - 8 - n);
        return new SafeTensorsHeader(n, json.entries(), json.metadata());
    }

    /**
     * Strict UTF-8 check: a malformed sequence is an error at its offset, never a replacement character. Decodes in
     * chunks into a small buffer that is thrown away, so no decoded copy of a large header is kept.
     *
     * @return whether the header has characters beyond ASCII
     */
    private static boolean checkUtf8(Path file, byte[] header) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(header);
        CharBuffer out = CharBuffer.allocate(Math.min(header.length, 8192));
        long chars = 0;
        CoderResult r;
        do {
            out.clear();
            r = decoder.decode(in, out, true);
            chars += out.position();
        } while (r.isOverflow());
        if (!r.isError()) {
            do {
                out.clear();
                r = decoder.flush(out);
                chars += out.position();
            } while (r.isOverflow());
        }
        if (r.isError()) {
            throw new SafeTensorsFormatException(file, null, 8 + in.position(),
                    "the header is not valid UTF-8 (" + r + ")");
        }
        return chars != header.length;   // every multi-byte sequence gives fewer chars than bytes
    }

    /** Data-section checks: inside the section, length = numel * byteSize, and no overlaps. */
    private static void checkData(Path file, HeaderJson json, long n, long dataLength) {
        long dataStart = 8 + n;
        List<TensorEntry> nonEmpty = new ArrayList<>();
        int index = -1;
        for (TensorEntry e : json.entries().values()) {
            index++;
            // json.entryFileOffset(index) only on errors: with non-ASCII text it walks the header to the entry.
            if (e.begin() > e.end()) {
                throw new SafeTensorsFormatException(file, e.name(), json.entryFileOffset(index), "data_offsets ["
                        + e.begin() + ", " + e.end() + "] begin after they end");
            }
            if (e.end() > dataLength) {
                // The offset is the data's start when that lies in the file, else where the entry is declared.
                throw new SafeTensorsFormatException(file, e.name(), e.begin() < dataLength ? dataStart + e.begin()
                        : json.entryFileOffset(index), "data_offsets ["
                        + e.begin() + ", " + e.end() + "] reach past the data section, which holds " + dataLength
                        + " bytes (file bytes " + dataStart + " to " + (dataStart + dataLength) + ")");
            }
            long expected = (long) e.shape().numel() * e.dtype().byteSize();
            if (e.byteLength() != expected) {
                throw new SafeTensorsFormatException(file, e.name(), dataStart + e.begin(), "data_offsets ["
                        + e.begin() + ", " + e.end() + "] hold " + e.byteLength() + " bytes, but " + e.dtype()
                        + " " + e.shape() + " needs " + e.shape().numel() + " x " + e.dtype().byteSize() + " = "
                        + expected);
            }
            if (e.byteLength() > 0) {
                nonEmpty.add(e);
            }
        }
        nonEmpty.sort(Comparator.comparingLong(TensorEntry::begin));
        for (int i = 1; i < nonEmpty.size(); i++) {
            TensorEntry prev = nonEmpty.get(i - 1);
            TensorEntry cur = nonEmpty.get(i);
            if (cur.begin() < prev.end()) {
                throw new SafeTensorsFormatException(file, cur.name(), dataStart + cur.begin(), "data_offsets ["
                        + cur.begin() + ", " + cur.end() + "] overlap tensor '" + prev.name() + "' at ["
                        + prev.begin() + ", " + prev.end() + "]");
            }
        }
    }
}
