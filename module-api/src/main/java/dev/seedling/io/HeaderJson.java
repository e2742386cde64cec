package dev.seedling.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.seedling.tensor.Shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The JSON walk over a safetensors header, with Jackson's streaming parser so that every error has a position.
 *
 * <p>Accepted: one object whose keys are unique; the key {@code __metadata__} maps to an object of string values;
 * every other key is a tensor name mapping to an object with exactly {@code dtype} (a string naming a
 * {@link SafeTensorsDType}), {@code shape} (an array of non-negative integers whose product fits in an {@code int})
 * and {@code data_offsets} (an array of two non-negative integers that fit in a {@code long}). Anything else is a
 * {@link SafeTensorsFormatException} at the offending token.
 *
 * <p>Memory: the walk decodes the UTF-8 bytes as it goes (no decoded copy of the whole text is made) and keeps, per
 * tensor, only its {@link TensorEntry}, its map entry and a 4-byte offset; equal shapes share one {@link Shape} (up
 * to {@value #SHARED_SHAPES} distinct ones). What a header of the minimal entries
 * {@code "t0":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}} (about 60 bytes each) parses into takes about 2.4
 * times the header's size; while parsing, the header's bytes are held too (a 94 MB header of 1.58 million such
 * entries parses in a 360 MB heap).
 */
final class HeaderJson {
    /** Elements of the largest tensor a file may declare: the JVM's largest array ({@code Integer.MAX_VALUE - 8}). */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    static final String METADATA_KEY = "__metadata__";

    /** Distinct shapes shared between entries; further distinct shapes get their own instance. */
    static final int SHARED_SHAPES = 4096;

    /** Strict JSON (Jackson's defaults), no field-name canonicalisation (no interning or symbol-table growth of
     *  untrusted names), and string limits raised to the header bound so only that bound applies. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength((int) SafeTensorsHeader.MAX_HEADER_BYTES)
                    .maxNameLength((int) SafeTensorsHeader.MAX_HEADER_BYTES)
                    .build())
            .build();

    private final Path file;
    private final byte[] header;
    private final boolean nonAscii;
    private final SequencedMap<String, TensorEntry> entries = new LinkedHashMap<>();
    /** Char offset of each tensor's name, in header order (a header is at most 100 MB, so an int holds it). */
    private int[] entryOffsets = new int[16];
    private final Map<Shape, Shape> shapes = new HashMap<>();
    private boolean metadataSeen;
    private SequencedMap<String, String> metadata = new LinkedHashMap<>();
    private JsonParser parser;

    private HeaderJson(Path file, byte[] header, boolean nonAscii) {
        this.file = file;
        this.header = header;
        this.nonAscii = nonAscii;
    }

    /**
     * Parses the header, already checked to be strict UTF-8 of at most {@link SafeTensorsHeader#MAX_HEADER_BYTES}.
     * Jackson reads the bytes through its streaming UTF-8 reader (with field-name canonicalisation off it does not
     * use its byte parser), so positions are char offsets; {@link #fileOffset} turns them into file offsets.
     *
     * @param header   the header's bytes (the file from byte 8 on); kept to convert offsets, not copied
     * @param nonAscii whether the header has bytes beyond ASCII (then char offsets differ from byte offsets)
     */
    static HeaderJson parse(Path file, byte[] header, boolean nonAscii) {
        HeaderJson h = new HeaderJson(file, header, nonAscii);
        try (JsonParser p = JSON.createParser(header, 0, header.length)) {
            h.parser = p;
            h.root();
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            if ((loc == null || loc.getCharOffset() < 0) && h.parser != null) {
                loc = h.parser.currentLocation();     // some limit errors (a 1,000-digit number) carry no location
            }
            long at = loc == null || loc.getCharOffset() < 0 ? -1 : h.fileOffset(loc.getCharOffset());
            throw new SafeTensorsFormatException(file, null, at, "the header is not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("parsing the header of " + file, e); // cannot happen on a char[] source
        }
        return h;
    }

    SequencedMap<String, TensorEntry> entries() {
        return entries;
    }

    /**
     * The file offset of the name of the {@code index}-th tensor in {@link #entries()}; for error messages (with
     * non-ASCII text it walks the header up to the name).
     */
    long entryFileOffset(int index) {
        return fileOffset(entryOffsets[index]);
    }

    SequencedMap<String, String> metadata() {
        return metadata;
    }

    /** The file offset of a char offset in the header: 8 for the length prefix plus the UTF-8 bytes before it. */
    long fileOffset(long charOffset) {
        if (!nonAscii) {
            return 8 + charOffset;
        }
        long chars = 0;
        int i = 0;
        while (chars < charOffset && i < header.length) {
            int b = header[i] & 0xFF;
            int length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            chars += length == 4 ? 2 : 1; // a 4-byte sequence is a surrogate pair in UTF-16
            i += length;
        }
        return 8 + i;
    }

    private void root() throws IOException {
        expect(parser.nextToken(), JsonToken.START_OBJECT, null, "the header must be a JSON object");
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            long at = here();
            boolean isMetadata = name.equals(METADATA_KEY);
            if (isMetadata ? metadataSeen : entries.containsKey(name)) {
                throw fail(name, at, "the name appears twice in the header");
            }
            if (isMetadata) {
                metadataSeen = true;
                metadata = metadataObject();
            } else {
                int i = entries.size();
                if (i == entryOffsets.length) {
                    entryOffsets = Arrays.copyOf(entryOffsets, i + (i >> 1));
                }
                entryOffsets[i] = (int) at;
                entries.put(name, entry(name));
            }
        }
        expect(t, JsonToken.END_OBJECT, null, "the header object is not closed");
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw fail(null, here(), "unexpected " + trailing + " after the header's JSON object");
        }
    }

    private SequencedMap<String, String> metadataObject() throws IOException {
        expect(parser.nextToken(), JsonToken.START_OBJECT, METADATA_KEY,
                "__metadata__ must be an object of string values");
        SequencedMap<String, String> m = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            long at = here();
            if (m.containsKey(key)) {
                throw fail(METADATA_KEY, at, "metadata key '" + key + "' appears twice");
            }
            expect(parser.nextToken(), JsonToken.VALUE_STRING, METADATA_KEY,
                    "metadata value of '" + key + "' must be a string");
            m.put(key, parser.getText());
        }
        return m;
    }

    private TensorEntry entry(String name) throws IOException {
        expect(parser.nextToken(), JsonToken.START_OBJECT, name,
                "a tensor entry must be an object with dtype, shape and data_offsets");
        long entryAt = here();
        SafeTensorsDType dtype = null;
        Shape shape = null;
        long[] offsets = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            long keyAt = here();
            boolean seen = switch (key) {
                case "dtype" -> dtype != null;
                case "shape" -> shape != null;
                case "data_offsets" -> offsets != null;
                default -> throw fail(name, keyAt, "unexpected key '" + key
                        + "' (a tensor entry has exactly dtype, shape and data_offsets)");
            };
            if (seen) {
                throw fail(name, keyAt, "key '" + key + "' appears twice");
            }
            switch (key) {
                case "dtype" -> dtype = dtype(name);
                case "shape" -> shape = shape(name);
                default -> offsets = offsets(name);
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            throw fail(name, entryAt, "the entry lacks " + (dtype == null ? "dtype" : shape == null ? "shape"
                    : "data_offsets"));
        }
        return new TensorEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private SafeTensorsDType dtype(String name) throws IOException {
        expect(parser.nextToken(), JsonToken.VALUE_STRING, name, "dtype must be a string");
        String s = parser.getText();
        return SafeTensorsDType.fromName(s).orElseThrow(() -> fail(name, here(), "unknown dtype \""
                + s + "\" (the format defines " + Arrays.toString(SafeTensorsDType.values()) + ")"));
    }

    private Shape shape(String name) throws IOException {
        expect(parser.nextToken(), JsonToken.START_ARRAY, name, "shape must be an array of integers");
        int[] dims = new int[4];
        int rank = 0;
        long numel = 1;
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            expect(t, JsonToken.VALUE_NUMBER_INT, name, "shape entries must be non-negative integers");
            long d = nonNegativeLong(name, "shape entry");
            numel *= Math.min(d, Integer.MAX_VALUE + 1L); // stays exact while numel <= 2^31-1, and is checked each step
            if (d > MAX_ELEMENTS || numel > MAX_ELEMENTS) {
                throw fail(name, here(), "shape entry " + d + " makes the element count exceed 2^31-9, the most a "
                        + "Seedling tensor holds (the largest array the JVM allocates)");
            }
            if (rank == dims.length) {
                dims = Arrays.copyOf(dims, rank * 2);
            }
            dims[rank++] = (int) d;
        }
        Shape shape = Shape.of(Arrays.copyOf(dims, rank));
        Shape shared = shapes.get(shape);
        if (shared != null) {
            return shared;
        }
        if (shapes.size() < SHARED_SHAPES) {
            shapes.put(shape, shape);
        }
        return shape;
    }

    private long[] offsets(String name) throws IOException {
        expect(parser.nextToken(), JsonToken.START_ARRAY, name, "data_offsets must be an array [begin, end]");
        long[] o = new long[2];
        for (int i = 0; i < 2; i++) {
            expect(parser.nextToken(), JsonToken.VALUE_NUMBER_INT, name,
                    "data_offsets must be two non-negative integers [begin, end]");
            o[i] = nonNegativeLong(name, "data offset");
        }
        expect(parser.nextToken(), JsonToken.END_ARRAY, name, "data_offsets must have exactly two entries");
        return o;
    }

    private long nonNegativeLong(String name, String what) throws IOException {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw fail(name, here(), what + " " + parser.getText() + " is too large");
        }
        long v = parser.getLongValue();
        if (v < 0) {
            throw fail(name, here(), what + " " + v + " is negative");
        }
        return v;
    }

    private void expect(JsonToken actual, JsonToken expected, String name, String problem) {
        if (actual != expected) {
            throw fail(name, here(), problem + " (found " + (actual == null ? "end of header" : actual) + ")");
        }
    }

    /** The char offset of the current token. */
    private long here() {
        return parser.currentTokenLocation().getCharOffset();
    }

    private SafeTensorsFormatException fail(String name, long charOffset, String problem) {
        return new SafeTensorsFormatException(file, name, charOffset < 0 ? -1 : fileOffset(charOffset), problem);
    }
}
