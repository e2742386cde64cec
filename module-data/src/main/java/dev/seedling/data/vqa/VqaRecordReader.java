package dev.seedling.data.vqa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns one JSON record into a {@link VqaItem}, collecting every problem it finds. Package-private, single use. */
final class VqaRecordReader {
    private final Path file;
    private final int line;
    private final JsonNode node;
    private final Path folder;
    private final VqaCategoryMapping mapping;
    private final List<String> problems = new ArrayList<>();
    private String id = "?";

    VqaRecordReader(Path file, int line, JsonNode node, Path folder, VqaCategoryMapping mapping) {
        this.file = file;
        this.line = line;
        this.node = node;
        this.folder = folder;
        this.mapping = mapping;
    }

    String where() {
        return file.getFileName() + ":" + line + ": item " + id;
    }

    List<String> problems() {
        return problems;
    }

    /** The item, or null when a required part is missing or invalid (see {@link #problems()}). */
    VqaItem read() {
        if (!node.isObject()) {
            problems.add(file.getFileName() + ":" + line + ": expected a JSON object but found " + node.getNodeType());
            return null;
        }
        JsonNode idNode = node.hasNonNull("data_id") ? node.get("data_id") : node.get("id");
        if (idNode == null || idNode.isNull() || idNode.asText().isBlank()) {
            id = "?";
            problems.add(where() + ": missing data_id");
        } else {
            id = idNode.asText().strip();
        }
        VqaLanguage language = null;
        String lang = text("language");
        if (lang == null) {
            problems.add(where() + ": missing language");
        } else {
            try {
                language = VqaLanguage.parse(lang);
            } catch (IllegalArgumentException e) {
                problems.add(where() + ": " + e.getMessage());
            }
        }
        String question = required("question");
        String answer = required("answer");
        VqaImage image = image();
        VqaCategory category = category();
        if (!problems.isEmpty()) {
            return null;
        }
        return new VqaItem(id, language, question, answer, text("atomic_question"), text("atomic_fact"), category,
                text("original_category"), text("source"), image);
    }

    private String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.isTextual() ? v.asText() : v.toString();
        return s.isBlank() ? null : s;
    }

    private String required(String field) {
        String v = text(field);
        if (v == null) {
            problems.add(where() + ": missing " + field);
        }
        return v;
    }

    private VqaCategory category() {
        JsonNode c = node.get("vqa_category");
        if (c != null && c.isTextual()) {
            String s = c.asText().strip();
            JsonNode parsed = parseLenient(s);
            if (parsed == null || !parsed.isObject()) {
                return new VqaCategory(s, null, null, mapping.task(s), fallbackTopic(null));
            }
            c = parsed;
        }
        if (c == null || c.isNull()) {
            return new VqaCategory(null, null, null, null, fallbackTopic(null));
        }
        if (!c.isObject()) {
            problems.add(where() + ": vqa_category must be an object or a string but is " + c.getNodeType());
            return VqaCategory.NONE;
        }
        String rawTask = firstText(c, "task_category", "task");
        String rawTopic = firstText(c, "subject_category", "topic");
        String entity = firstText(c, "entity_class");
        VqaTopic topic = mapping.topic(rawTopic);
        return new VqaCategory(rawTask, rawTopic, entity, mapping.task(rawTask),
                topic != null ? topic : fallbackTopic(rawTopic));
    }

    /** Falls back to the {@code original_category} prefix (e.g. 中华文化_中医 → CHC) when the topic is unmapped. */
    private VqaTopic fallbackTopic(String rawTopic) {
        return rawTopic == null ? mapping.topic(text("original_category")) : null;
    }

    private static String firstText(JsonNode obj, String... fields) {
        for (String f : fields) {
            JsonNode v = obj.get(f);
            if (v != null && !v.isNull() && !v.asText().isBlank()) {
                return v.asText().strip();
            }
        }
        return null;
    }

    /** JSON, or a Python dict literal with single quotes as the release sometimes stores. */
    private static JsonNode parseLenient(String s) {
        ObjectMapper json = new ObjectMapper();
        try {
            return json.readTree(s);
        } catch (IOException notJson) {
            if (!s.startsWith("{")) {
                return null;
            }
            try {
                return json.readTree(s.replace('\'', '"'));
            } catch (IOException notPython) {
                return null;
            }
        }
    }

    private VqaImage image() {
        String path = text("image_path");
        if (path != null) {
            return fromPath(path);
        }
        String b64 = text("image_base64");
        if (b64 != null) {
            return fromBase64(b64, "image_base64");
        }
        JsonNode img = node.get("image");
        if (img == null || img.isNull()) {
            problems.add(where() + ": missing image (image, image_path or image_base64)");
            return null;
        }
        if (img.isObject()) {
            String bytes = firstText(img, "bytes");
            if (bytes != null) {
                return fromBase64(bytes, "image.bytes");
            }
            String p = firstText(img, "path");
            if (p != null) {
                return fromPath(p);
            }
            problems.add(where() + ": image object has neither bytes nor path");
            return null;
        }
        String s = img.asText().strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            problems.add(where() + ": image is a remote URL; download it and give a path (runs never fetch)");
            return null;
        }
        if (lower.startsWith("data:")) {
            int comma = s.indexOf(',');
            return fromBase64(comma < 0 ? "" : s.substring(comma + 1), "image data URL");
        }
        if (SimpleVqaLoader.existingFile(folder, s) != null || s.length() < 260 && lower.matches(
                ".*\\.(png|jpe?g|gif|webp|bmp)$")) {
            return fromPath(s);
        }
        return fromBase64(s, "image");
    }

    private VqaImage fromPath(String text) {
        Path p = SimpleVqaLoader.existingFile(folder, text);
        if (p == null) {
            problems.add(where() + ": image file not found: " + folder.resolve(text));
            return null;
        }
        try {
            String mime = SimpleVqaLoader.sniff(p);
            if (mime == null) {
                problems.add(where() + ": image file " + p + " is not a PNG, JPEG, GIF, WebP or BMP image");
                return null;
            }
            return new VqaImage.OnDisk(p, mime);
        } catch (IOException e) {
            problems.add(where() + ": image file " + p + " is unreadable: " + e.getMessage());
            return null;
        }
    }

    private VqaImage fromBase64(String text, String field) {
        byte[] bytes = SimpleVqaLoader.decodeBase64(text);
        if (bytes == null || bytes.length == 0) {
            problems.add(where() + ": " + field + " is neither an existing file nor valid base64");
            return null;
        }
        String mime = VqaImage.sniffMimeType(bytes);
        if (mime == null) {
            problems.add(where() + ": " + field + " decodes to " + bytes.length
                    + " bytes that are not a PNG, JPEG, GIF, WebP or BMP image");
            return null;
        }
        return new VqaImage.InMemory(bytes, mime);
    }
}
