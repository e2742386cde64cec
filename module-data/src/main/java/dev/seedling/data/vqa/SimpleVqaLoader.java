package dev.seedling.data.vqa;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.seedling.data.tokenizer.InvalidUtf8Exception;
import dev.seedling.data.tokenizer.Utf8;
import dev.seedling.data.tokenizer.Utf8Policy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Reads SimpleVQA items from a JSON array or a JSONL file (one object per line; chosen by the first non-blank
 * character) and validates them all before returning.
 *
 * <h2>Fields</h2>
 * Required: {@code data_id} (or {@code id}), {@code language}, {@code question}, {@code answer} and one image field.
 * Optional: {@code atomic_question}, {@code atomic_fact}, {@code vqa_category} (an object with {@code task_category} /
 * {@code subject_category} / {@code entity_class}, or {@code task} / {@code topic}; or that object JSON-encoded as a
 * string), {@code original_category}, {@code source}. Unknown fields are ignored.
 *
 * <h2>Images</h2>
 * {@code image_path} (relative to the data file's folder), {@code image_base64}, or {@code image} holding either: a
 * {@code data:} URL, a path to an existing file, a base64 string, or an object {@code {"bytes": BASE64, "path": ...}}
 * (the shape of the Hugging Face image column). Remote URLs are refused: a benchmark run must not depend on the
 * network. Each image must be readable and PNG, JPEG, GIF, WebP or BMP.
 *
 * <h2>Errors</h2>
 * All problems are collected and thrown together as one {@link VqaDataException}, each naming the file, the line and
 * the item id. Duplicate ids are errors. The file must be valid UTF-8 (the first malformed byte is reported with its
 * line and byte offset), each JSONL line must hold exactly one JSON value, and nothing but white space may follow a
 * JSON array. Immutable and thread-safe.
 */
public final class SimpleVqaLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader LINE_READER =
            JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final VqaCategoryMapping mapping;

    /** A loader using {@link VqaCategoryMapping#defaults()}. */
    public SimpleVqaLoader() {
        this(VqaCategoryMapping.defaults());
    }

    public SimpleVqaLoader(VqaCategoryMapping mapping) {
        this.mapping = mapping;
    }

    /**
     * Loads and validates every item of {@code file}.
     *
     * @throws VqaDataException     listing every malformed item
     * @throws UncheckedIOException when the file cannot be read or is not JSON at all
     */
    public VqaDataset load(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SimpleVQA data " + file + ": " + e.getMessage(), e);
        }
        String text = strictUtf8(file, content);
        List<Located> records = isJsonArray(content) ? readArray(file, content) : readLines(file, text);
        Path folder = file.toAbsolutePath().getParent();
        List<String> problems = new ArrayList<>();
        List<VqaItem> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Located r : records) {
            VqaRecordReader reader = new VqaRecordReader(file, r.line(), r.node(), folder, mapping);
            VqaItem item = reader.read();
            problems.addAll(reader.problems());
            if (item != null) {
                if (!ids.add(item.id())) {
                    problems.add(reader.where() + ": duplicate data_id (an earlier item has the same id)");
                } else {
                    items.add(item);
                }
            }
        }
        if (records.isEmpty()) {
            problems.add(file + ": no items");
        }
        if (!problems.isEmpty()) {
            throw new VqaDataException(file, problems);
        }
        return new VqaDataset(file, items, hash(content, items));
    }

    private record Located(int line, JsonNode node) {
    }

    private static boolean isJsonArray(byte[] content) {
        for (byte b : content) {
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return b == '[';
            }
        }
        return false;
    }

    /** Strict UTF-8: a malformed byte is an error naming the file, line and byte offset, never U+FFFD. */
    private static String strictUtf8(Path file, byte[] content) {
        try {
            return Utf8.decode(content, Utf8Policy.STRICT);
        } catch (InvalidUtf8Exception e) {
            long at = e.byteOffset();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (content[i] == '\n') {
                    line++;
                }
            }
            String detail = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
            throw new VqaDataException(file, List.of(file + ":" + line + ": invalid UTF-8 at byte offset " + at
                    + ": " + detail));
        }
    }

    private static List<Located> readArray(Path file, byte[] content) {
        List<Located> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(content)) {
            p.nextToken(); // START_ARRAY
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() == null) {
                    throw new UncheckedIOException(new IOException(file + ": JSON array is not closed"));
                }
                int line = p.currentTokenLocation().getLineNr();
                out.add(new Located(line, p.readValueAsTree()));
            }
            if (p.nextToken() != null) {
                var at = p.currentTokenLocation();
                throw new UncheckedIOException(new IOException(file + ":" + at.getLineNr() + ": text after the"
                        + " JSON array at byte offset " + at.getByteOffset() + ": " + p.currentToken()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not valid JSON: " + oneLine(e.getMessage()), e);
        }
        return out;
    }

    private static List<Located> readLines(Path file, String text) {
        List<Located> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = (i == 0 ? lines[i].replace("\uFEFF", "") : lines[i]).strip(); // a BOM is not JSON
            if (line.isEmpty()) {
                continue;
            }
            try {
                out.add(new Located(i + 1, LINE_READER.readTree(line))); // one value per line: no trailing text
            } catch (IOException e) {
                problems.add(file + ":" + (i + 1) + ": not a JSON object: " + oneLine(e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new VqaDataException(file, problems);
        }
        return out;
    }

    private static String oneLine(String s) {
        String t = String.valueOf(s).replaceAll("\\s+", " ");
        return t.length() > 160 ? t.substring(0, 160) + "..." : t;
    }

    private static String hash(byte[] content, List<VqaItem> items) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(content);
            for (VqaItem item : items) {
                if (item.image() instanceof VqaImage.OnDisk disk) {
                    sha.update(disk.bytes());
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Decodes base64 (standard or URL-safe, line breaks ignored); null when the text is not base64. */
    static byte[] decodeBase64(String text) {
        String compact = text.replaceAll("\\s+", "");
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException notStandard) {
            try {
                return Base64.getUrlDecoder().decode(compact);
            } catch (IllegalArgumentException notUrlSafe) {
                return null;
            }
        }
    }

    /** Whether {@code text} names an existing regular file, resolved against {@code folder}. */
    static Path existingFile(Path folder, String text) {
        if (text.length() > 4096 || text.indexOf('\n') >= 0) {
            return null;
        }
        try {
            Path p = folder.resolve(text);
            return Files.isRegularFile(p) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    static String sniff(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return VqaImage.sniffMimeType(in.readNBytes(16));
        }
    }
}
