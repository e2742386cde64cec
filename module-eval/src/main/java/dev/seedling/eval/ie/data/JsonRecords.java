package dev.seedling.eval.ie.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON array or JSON Lines file into objects, each with the place it came from for error messages. */
final class JsonRecords {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One record and where it was: {@code file:line} for JSONL, {@code file[index]} for an array. */
    record Located(JsonNode node, String where) {
    }

    private JsonRecords() {
    }

    static List<Located> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Located> out = new ArrayList<>();
        if (text.stripLeading().startsWith("[")) {
            JsonNode root = parse(text, file.toString());
            for (int i = 0; i < root.size(); i++) {
                out.add(new Located(root.get(i), file + "[" + i + "]"));
            }
            return out;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                out.add(new Located(parse(lines[i], file + ":" + (i + 1)), file + ":" + (i + 1)));
            }
        }
        return out;
    }

    static JsonNode parse(String json, String where) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new IeDataException(where + (loc == null ? "" : " (column " + loc.getColumnNr() + ")")
                    + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IeDataException(where + ": missing string field '" + field + "'");
        }
        return v.asText();
    }

    static String textOr(JsonNode n, String field, String fallback) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    static List<JsonNode> array(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new IeDataException(where + ": '" + field + "' must be an array");
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }
}
