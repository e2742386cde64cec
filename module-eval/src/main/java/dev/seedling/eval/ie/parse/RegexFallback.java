package dev.seedling.eval.ie.parse;

import dev.seedling.eval.ie.parse.PyValue.PyArg;
import dev.seedling.eval.ie.parse.PyValue.PyCall;
import dev.seedling.eval.ie.parse.PyValue.PyStr;
import dev.seedling.eval.ie.IeTask;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KnowCoder's regular expressions ({@code convert_*.py}), used after a malformed element to pick up the well-formed
 * calls that follow it: NER {@code \s*(\w+)\(\s*"(.*?)"}, RE {@code (\w+)\(\s*(\w+)\("(.+?)"\),\s*(\w+)\("(.+?)"\)}
 * (both extended to single quotes and an optional keyword), ED a call with a first string. EAE has no fallback:
 * KnowCoder's nested-parenthesis regex drops arguments. {@code \w} matches CJK through
 * {@link Pattern#UNICODE_CHARACTER_CLASS}. A call name must start a word and its word characters are matched
 * possessively (the matches are KnowCoder's, as {@code (} and {@code =} are never {@code \w}), so a long run of
 * word characters is scanned once rather than from each of its positions. Strings found this way get no escape
 * processing. Stateless and thread-safe; the time is linear in the length of the text.
 */
public final class RegexFallback {
    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;
    private static final String STR = "(?:\"([^\"\\n]*)\"|'([^'\\n]*)')";
    /** A call's opening: a whole word (possessive, so a long run of word characters is scanned once) and '('. */
    private static final String CALL = "(?<!\\w)(\\w++)\\(\\s*+";
    private static final String KEYWORD = "(?:\\w++\\s*+=\\s*+)?";
    private static final Pattern ENTITY = Pattern.compile(CALL + KEYWORD + STR + "\\s*\\)", FLAGS);
    private static final Pattern RELATION = Pattern.compile(CALL + KEYWORD + "(\\w++)\\(\\s*+" + KEYWORD + STR
            + "\\s*\\)\\s*,\\s*+" + KEYWORD + "(\\w++)\\(\\s*+" + KEYWORD + STR + "\\s*\\)\\s*\\)", FLAGS);
    private static final Pattern EVENT = Pattern.compile(CALL + KEYWORD + STR, FLAGS);

    /** The calls the task's pattern finds in {@code text}, in order, shaped as the parser would have built them. */
    public List<PyValue> find(IeTask task, String text) {
        List<PyValue> out = new ArrayList<>();
        switch (task) {
            case NER -> {
                Matcher m = ENTITY.matcher(text);
                while (m.find()) {
                    out.add(call(m.group(1), str(m, 2)));
                }
            }
            case RE -> {
                Matcher m = RELATION.matcher(text);
                while (m.find()) {
                    out.add(call(m.group(1), call(m.group(2), str(m, 3)), call(m.group(5), str(m, 6))));
                }
            }
            case ED -> {
                Matcher m = EVENT.matcher(text);
                while (m.find()) {
                    out.add(call(m.group(1), str(m, 2)));
                }
            }
            case EAE -> { }
        }
        return out;
    }

    private static PyStr str(Matcher m, int group) {
        return new PyStr(m.group(group) != null ? m.group(group) : m.group(group + 1));
    }

    private static PyCall call(String name, PyValue... args) {
        List<PyArg> list = new ArrayList<>();
        for (PyValue v : args) {
            list.add(new PyArg(null, v));
        }
        return new PyCall(name, list);
    }
}
