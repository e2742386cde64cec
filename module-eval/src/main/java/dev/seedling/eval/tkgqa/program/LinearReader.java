package dev.seedling.eval.tkgqa.program;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the linear form, one pass over the text. A line ends at a line break ({@code \R}) or {@code <func>}. On a
 * line, a {@code #} that is the first non-blank character or follows a space or tab starts a comment running to the
 * end of the line, except inside a quoted argument: a {@code <i>} argument that is, stripped, exactly one JSON string
 * literal ({@code "Room #5"}, with JSON's escapes) is read as that string, and {@code #}, {@code <i>}, {@code <d>}
 * and {@code <func>} inside it are text. Anything else (an argument with text after its closing quote, an unclosed or
 * invalid literal) is read as written, as it always was. One instance per text; not thread-safe.
 */
final class LinearReader {
    private static final Pattern LEADING_INDEX = Pattern.compile("^\\d+\\s*[.:)]?\\s+|^\\d+[.:)]\\s*");
    private static final Pattern STEP_INDEX = Pattern.compile("[0-9]+");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS) // a raw tab inside the quotes
            .build();

    private final String text;
    private int pos;
    private int lineNo;

    private LinearReader(String text) {
        this.text = text;
    }

    /**
     * Reads the steps of {@code text}.
     *
     * @throws ProgramParseException naming the 1-based line when a step lacks a function name or a dependency is
     *                               not a step index
     */
    static Program read(String text) {
        return new LinearReader(text).program();
    }

    private Program program() {
        List<Step> steps = new ArrayList<>();
        while (true) {
            lineNo++;
            Step step = line();
            if (step != null) {
                steps.add(step);
            }
            int end = lineEndAt(pos);
            if (end == 0) {
                return new Program(steps);
            }
            pos += end;
        }
    }

    /** The step on the line at {@code pos}, or null for a blank or comment line; leaves {@code pos} at its end. */
    private Step line() {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == '#') {
            skipComment();
            return null;
        }
        String head = raw();
        skipCommentHere();
        if (!markerAt(pos) && head.isBlank()) {
            return null;
        }
        String function = LEADING_INDEX.matcher(head).replaceFirst("").strip();
        String problem = Step.nameProblem(function);
        if (problem != null) {
            throw new ProgramParseException("line " + lineNo + ": expected a function name before the first <i>/<d>"
                    + " but found '" + function + "' (" + problem + ")");
        }
        List<String> inputs = new ArrayList<>();
        List<Integer> deps = new ArrayList<>();
        while (markerAt(pos)) {
            char kind = text.charAt(pos + 1);
            pos += 3;
            if (kind == 'i') {
                inputs.add(argument());
            } else {
                deps.add(dependency(function, raw().strip()));
            }
            skipCommentHere();
        }
        return new Step(function, inputs, deps);
    }

    private Integer dependency(String function, String arg) {
        if (!STEP_INDEX.matcher(arg).matches()) {
            throw new ProgramParseException("line " + lineNo + " (" + function + "): dependency '" + arg
                    + "' is not a step index");
        }
        try {
            return Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            throw new ProgramParseException("line " + lineNo + " (" + function + "): dependency '" + arg
                    + "' is not a step index", e);
        }
    }

    /** A {@code <i>} argument: a quoted one when it is exactly a JSON string literal, else the stripped text. */
    private String argument() {
        int start = pos;
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == '"') {
            String quoted = quoted();
            if (quoted != null) {
                return quoted;
            }
        }
        pos = start;
        return raw().strip();
    }

    /**
     * The JSON string literal at {@code pos} (a quote) when it closes on this line and only spaces follow it before
     * the next marker, a comment or the end of the line; then {@code pos} moves past it. Otherwise null and
     * {@code pos} is unchanged.
     */
    private String quoted() {
        int close = pos + 1;
        boolean escaped = false;
        for (; close < text.length(); close++) {
            char c = text.charAt(close);
            if (LinearArgument.isLineBreak(c)) {
                return null;
            }
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                break;
            }
        }
        if (close >= text.length()) {
            return null;
        }
        int after = close + 1;
        while (after < text.length() && isSpace(text.charAt(after))) {
            after++;
        }
        boolean ends = lineEndAt(after) > 0 || after == text.length() || markerAt(after)
                || text.charAt(after) == '#' && LinearArgument.isCommentSpace(text.charAt(after - 1));
        if (!ends) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text.substring(pos, close + 1));
            if (node == null || !node.isTextual()) {
                return null;
            }
            pos = after;
            return node.asText();
        } catch (JsonProcessingException e) {
            return null; // an invalid escape: the argument is read as written
        }
    }

    /** Text up to the next marker, comment or line end; {@code pos} moves to that point. */
    private String raw() {
        int start = pos;
        while (pos < text.length() && lineEndAt(pos) == 0 && !markerAt(pos) && !commentAt(pos)) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipCommentHere() {
        if (commentAt(pos)) {
            skipComment();
        }
    }

    private void skipComment() {
        while (pos < text.length() && lineEndAt(pos) == 0) {
            pos++;
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    /** Whitespace within a line (what {@link String#strip} removes, less line breaks). */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) && !LinearArgument.isLineBreak(c);
    }

    private boolean commentAt(int p) {
        return p > 0 && p < text.length() && text.charAt(p) == '#' && LinearArgument.isCommentSpace(text.charAt(p - 1));
    }

    private boolean markerAt(int p) {
        return text.startsWith("<i>", p) || text.startsWith("<d>", p);
    }

    /** The length of the line end at {@code p}: CR LF, another {@code \R} character or {@code <func>}; else 0. */
    private int lineEndAt(int p) {
        if (p >= text.length()) {
            return 0;
        }
        char c = text.charAt(p);
        if (c == '\r' && p + 1 < text.length() && text.charAt(p + 1) == '\n') {
            return 2;
        }
        if (LinearArgument.isLineBreak(c)) {
            return 1;
        }
        return text.startsWith("<func>", p) ? 6 : 0;
    }
}
