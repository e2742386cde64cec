package dev.seedling.eval.ie.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a schema from JSON. The format is an object with a {@code classes} array; each class has {@code name},
 * {@code kind} ({@code entity|relation|event}), and optionally {@code parent}, {@code description},
 * {@code examples} (strings), {@code roles} (event roles), {@code head} and {@code tail} (entity class names of a
 * relation) and {@code labels}, an object from language tag to a label or a list of labels:
 * <pre>{@code
 * {"classes": [
 *   {"name": "Person", "kind": "entity", "description": "A human being.", "examples": ["Obama"],
 *    "labels": {"zh": "人物", "ko": ["사람"]}},
 *   {"name": "LocatedIn", "kind": "relation", "head": ["Person"], "tail": ["Location"]},
 *   {"name": "Marriage", "kind": "event", "roles": ["spouse", "place"]}]}
 * }</pre>
 * Stateless and thread-safe.
 */
public final class SchemaLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaLoader() {
    }

    /**
     * Loads and validates the schema file.
     *
     * @throws SchemaException      naming the file, and the line and column for malformed JSON or the class index and
     *                              field for a missing or mistyped field
     * @throws UncheckedIOException when the file cannot be read
     */
    public static SchemaRegistry load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + file, e);
        }
        return parse(text, file.toString());
    }

    /**
     * A schema shipped with Seedling, by name: {@code conll03} (Person, Location, Organization, Miscellaneous, with the
     * CoNLL/OntoNotes tags PER, LOC, GPE, ORG, MISC and Chinese and Korean labels).
     *
     * @throws SchemaException when no schema has that name
     */
    public static SchemaRegistry builtin(String name) {
        String resource = "schemas/" + name + ".json";
        try (var in = SchemaLoader.class.getResourceAsStream("/dev/seedling/eval/ie/" + resource)) {
            if (in == null || !name.matches("[a-z0-9_-]+")) {
                throw new SchemaException("no built-in schema named '" + name + "'; available: conll03");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "builtin:" + name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in schema " + name, e);
        }
    }

    /**
     * Parses and validates a schema from JSON text; {@code source} names it in error messages.
     *
     * @throws SchemaException as {@link #load(Path)}
     */
    public static SchemaRegistry parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new SchemaException(source + ":" + (loc == null ? "?" : loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode classes = root == null ? null : root.get("classes");
        if (classes == null || !classes.isArray()) {
            throw new SchemaException(source + ": expected an object with a 'classes' array");
        }
        List<ClassDef> defs = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            String where = source + ": classes[" + i + "]";
            try {
                defs.add(toClass(classes.get(i), where));
            } catch (IllegalArgumentException e) {
                throw new SchemaException(where + ": " + e.getMessage(), e);
            }
        }
        try {
            return SchemaRegistry.of(defs);
        } catch (SchemaException e) {
            throw new SchemaException(source + ": " + e.getMessage(), e);
        }
    }

    private static ClassDef toClass(JsonNode n, String where) {
        if (!n.isObject()) {
            throw new SchemaException(where + ": expected an object");
        }
        String name = text(n, "name", where, true);
        ClassKind kind = ClassKind.parse(text(n, "kind", where, true));
        List<String> labels = new ArrayList<>();
        JsonNode l = n.get("labels");
        if (l != null && !l.isNull()) {
            if (!l.isObject()) {
                throw new SchemaException(where + " (" + name + "): 'labels' must map language tags to labels");
            }
            for (Map.Entry<String, JsonNode> e : l.properties()) {
                labels.addAll(strings(e.getValue(), where + " (" + name + ").labels." + e.getKey()));
            }
        }
        try {
            return new ClassDef(name, text(n, "parent", where, false), kind, text(n, "description", where, false),
                    strings(n.get("examples"), where + " (" + name + ").examples"),
                    strings(n.get("roles"), where + " (" + name + ").roles"),
                    strings(n.get("head"), where + " (" + name + ").head"),
                    strings(n.get("tail"), where + " (" + name + ").tail"), labels);
        } catch (SchemaException e) {
            throw new SchemaException(where + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field, String where, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new SchemaException(where + ": missing '" + field + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new SchemaException(where + ": '" + field + "' must be a string but is " + v.getNodeType());
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw new SchemaException(where + ": expected a string or an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new SchemaException(where + ": expected strings but found " + e.getNodeType());
            }
            out.add(e.asText());
        }
        return out;
    }
}
