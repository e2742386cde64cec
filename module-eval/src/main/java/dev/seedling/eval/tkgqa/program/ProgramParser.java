package dev.seedling.eval.tkgqa.program;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads programs in two forms.
 * <ul>
 *   <li>JSON (KoPL): {@code [{"function": "Find", "inputs": ["China"], "dependencies": []}, ...]}, or an object whose
 *       {@code program} field holds that list.</li>
 *   <li>Linear: one step per line, {@code Func<i>arg...<d>k...}; steps may instead be separated by {@code <func>}.
 *       A leading step number ({@code 0 }, {@code 3:}) and a trailing {@code # comment} (a {@code #} after a space
 *       or tab) are ignored, as are blank lines. A text argument may be quoted as a JSON string literal
 *       ({@code Find<i>"Room #5"}); inside the quotes {@code #}, {@code <i>}, {@code <d>} and {@code <func>} are
 *       text. {@link Program#toLinear} quotes exactly the arguments that need it (see {@link LinearReader}).</li>
 * </ul>
 * JSON must be a single value (nothing but whitespace after it) without repeated keys in an object. In both forms a
 * function name is {@code [A-Za-z][A-Za-z0-9_]*} (after stripping), so that every program read writes back to the
 * linear form. The parser checks syntax only (such a name, dependencies written as ASCII digits);
 * {@link ProgramValidator} checks meaning (whether the name is a known function).
 * Stateless and thread-safe.
 */
public final class ProgramParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Reads either form: text starting with {@code [} or {@code &#123;} is JSON, anything else linear. */
    public Program parse(String text) {
        String t = text.strip();
        return t.startsWith("[") || t.startsWith("{") ? parseJson(t) : parseLinear(t);
    }

    /**
     * Reads the JSON form.
     *
     * @throws ProgramParseException naming the step (or the JSON line and column) when the text is malformed, has
     *                               anything after the JSON value, repeats a key in an object or a step's function
     *                               is not a name the linear form can carry
     */
    public Program parseJson(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ProgramParseException("malformed program JSON at line " + (loc == null ? 0 : loc.getLineNr())
                    + ", column " + (loc == null ? 0 : loc.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        }
        JsonNode list = root != null && root.isObject() ? root.get("program") : root;
        if (list == null || !list.isArray()) {
            throw new ProgramParseException("program JSON must be a list of steps or an object with a 'program' list");
        }
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : list) {
            int i = steps.size();
            if (!s.isObject()) {
                throw new ProgramParseException("step " + i + ": expected an object but found " + s.getNodeType());
            }
            JsonNode f = s.get("function");
            if (f == null || !f.isTextual() || f.asText().isBlank()) {
                throw new ProgramParseException("step " + i + ": 'function' must be a non-empty string");
            }
            String function = f.asText().strip();
            String problem = Step.nameProblem(function);
            if (problem != null) {
                throw new ProgramParseException("step " + i + ": function '" + function + "' would not read back in "
                        + "the linear form: " + problem);
            }
            List<String> inputs = new ArrayList<>();
            for (JsonNode in : array(s, "inputs", i)) {
                if (!in.isValueNode() || in.isNull()) {
                    throw new ProgramParseException("step " + i + " (" + function + "): inputs must be strings");
                }
                inputs.add(in.asText());
            }
            List<Integer> deps = new ArrayList<>();
            for (JsonNode d : array(s, "dependencies", i)) {
                if (!d.canConvertToInt() || !d.isIntegralNumber()) {
                    throw new ProgramParseException("step " + i + " (" + function + "): dependency " + d
                            + " is not a step index");
                }
                deps.add(d.asInt());
            }
            steps.add(new Step(function, inputs, deps));
        }
        return new Program(steps);
    }

    private static Iterable<JsonNode> array(JsonNode step, String field, int i) {
        JsonNode a = step.get(field);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new ProgramParseException("step " + i + ": '" + field + "' must be a list");
        }
        return a;
    }

    /**
     * Reads the linear form.
     *
     * @throws ProgramParseException naming the 1-based line when a step lacks a function name or a dependency is
     *                               not a step index (ASCII digits only: no sign, no other scripts' digits)
     */
    public Program parseLinear(String text) {
        return LinearReader.read(text);
    }
}
