package dev.seedling.data.vqa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps raw category labels onto {@link VqaTask} and {@link VqaTopic} codes. Labels are compared after normalisation
 * (lower case, the word "and" and every character that is not a letter or digit removed), so {@code "Logic and
 * Science"}, {@code "logic & science"} and {@code "LS"} all resolve to {@link VqaTask#LS}.
 *
 * <p>The defaults know the codes, the English names and the Chinese aliases of the enums. The paper's fine-grained
 * Chinese labels map onto the codes in an unpublished way, so a user with such labels supplies the mapping as JSON:
 * <pre>{"task": {"人物识别": "PE", ...}, "topic": {"中华文化": "CHC", ...}}</pre>
 * Immutable and thread-safe.
 */
public final class VqaCategoryMapping {
    private final Map<String, VqaTask> tasks;
    private final Map<String, VqaTopic> topics;

    private VqaCategoryMapping(Map<String, VqaTask> tasks, Map<String, VqaTopic> topics) {
        this.tasks = Map.copyOf(tasks);
        this.topics = Map.copyOf(topics);
    }

    /** Codes, English names and Chinese aliases of the enums. */
    public static VqaCategoryMapping defaults() {
        return new VqaCategoryMapping(byLabel(VqaTask.values()), byLabel(VqaTopic.values()));
    }

    /** Each code under each of its {@link VqaCode#labels() labels}, normalised. */
    private static <C extends VqaCode> Map<String, C> byLabel(C[] codes) {
        Map<String, C> m = new HashMap<>();
        for (C c : codes) {
            c.labels().forEach(label -> m.put(normalise(label), c));
        }
        return m;
    }

    /**
     * The defaults extended (and overridden) by a JSON mapping file of the form shown in the class comment.
     *
     * @throws IllegalArgumentException naming the file and the label when a code is unknown
     * @throws UncheckedIOException     when the file cannot be read or parsed
     */
    public VqaCategoryMapping withOverrides(Path json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read category mapping " + json + ": " + e.getMessage(), e);
        }
        Map<String, VqaTask> t = new HashMap<>(tasks);
        Map<String, VqaTopic> s = new HashMap<>(topics);
        for (Map.Entry<String, JsonNode> e : root.path("task").properties()) {
            t.put(normalise(e.getKey()), parseCode(VqaTask.class, e.getValue().asText(), json, e.getKey()));
        }
        for (Map.Entry<String, JsonNode> e : root.path("topic").properties()) {
            s.put(normalise(e.getKey()), parseCode(VqaTopic.class, e.getValue().asText(), json, e.getKey()));
        }
        return new VqaCategoryMapping(t, s);
    }

    /** The task a raw label denotes, or null when it is null or unmapped. */
    public VqaTask task(String rawLabel) {
        return rawLabel == null ? null : tasks.get(normalise(rawLabel));
    }

    /**
     * The topic a raw label denotes, or null. A label of the form {@code 中华文化_中医} (the {@code original_category}
     * column) is also tried by its part before the first underscore.
     */
    public VqaTopic topic(String rawLabel) {
        if (rawLabel == null) {
            return null;
        }
        VqaTopic direct = topics.get(normalise(rawLabel));
        int underscore = rawLabel.indexOf('_');
        return direct != null || underscore <= 0 ? direct : topics.get(normalise(rawLabel.substring(0, underscore)));
    }

    static String normalise(String label) {
        String lower = label.toLowerCase(Locale.ROOT).replaceAll("\\band\\b", "");
        StringBuilder sb = new StringBuilder(lower.length());
        lower.codePoints().filter(Character::isLetterOrDigit).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    private static <E extends Enum<E>> E parseCode(Class<E> type, String code, Path file, String label) {
        try {
            return Enum.valueOf(type, code.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": label '" + label + "' maps to unknown "
                    + type.getSimpleName() + " code '" + code + "'");
        }
    }
}
