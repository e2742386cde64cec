package dev.seedling.eval.vqa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads grades from judge output, robust to what judges actually write. Rules, in order:
 * <ol>
 *   <li>strip code fences and Markdown bold ({@code **});</li>
 *   <li>JSON: an object (a truncated one is completed with {@code "}} / {@code }}) whose values are labels, or
 *       objects with a {@code conclusion}; failing that, {@code "key": "label"} pairs found by pattern (and, for the
 *       multi grader, unquoted {@code 预测答案1：错误} lines);</li>
 *   <li>a standalone letter at the start, {@code ^\W*([ABC])\b}, so the word "CORRECT" is <em>not</em> read as "C"
 *       (the simple-evals regex would grade it NOT_ATTEMPTED), or alone on a line after some reasoning;</li>
 *   <li>a whole label: CORRECT / INCORRECT / NOT_ATTEMPTED (also with a space) / 正确 / 错误 / 未尝试;</li>
 *   <li>keywords anywhere, testing NOT_ATTEMPTED and INCORRECT (and 未尝试, 不正确, 错误) before CORRECT (正确), since
 *       each later word is contained in an earlier one;</li>
 *   <li>otherwise NOT_ATTEMPTED with {@link ParsedGrade#parseFailed()} set, so failures are counted apart.</li>
 * </ol>
 * Policy against the official CN evaluator's quirks: it maps any label longer than 3 characters to 未尝试 silently and
 * crashes on "答案解析失败"; here such outputs go through the keyword rule and are otherwise counted as parse
 * failures. Stateless and thread-safe.
 */
public final class JudgeGradeParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*");
    // Unicode classes, so that \W never swallows Chinese text: "维生素C" must not read as the letter C.
    private static final Pattern LETTER = Pattern.compile("^\\W*([ABC])\\b", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern GRADE_LINE = Pattern.compile(
            "(?im)^\\W*(?:grade|answer|答案|评定|结论)[^\\w\\n]*(?:是|为)?\\s*([ABC])\\b",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern PAIR = Pattern.compile("\"([^\"]{1,40})\"\\s*[:：]\\s*\"([^\"]{1,40})\"");
    private static final Pattern LONE_LETTER = Pattern.compile("(?m)^\\W*([ABC])\\W*$",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern LOOSE_PAIR = Pattern.compile("(?i)(?:预测答案|prediction)\\s*(\\d+)\\s*[:：]"
            + "[\\s*\"“”'【\\[]*(不正确|正确|错误|未尝试|not[ _]attempted|incorrect|correct)");
    private static final Pattern TRAILING_INDEX = Pattern.compile("(\\d+)\\s*$");

    /** Reads the single grade of a letter grader (or of any judge asked about one prediction). */
    public ParsedGrade parse(String output) {
        String text = clean(output);
        JsonNode obj = readObject(text);
        if (obj != null) {
            for (JsonNode value : obj) {
                Grade g = label(valueText(value));
                if (g != null) {
                    return new ParsedGrade(g, false, ParsedGrade.Method.JSON);
                }
            }
        }
        Matcher pair = PAIR.matcher(text);
        while (pair.find()) {
            Grade g = label(pair.group(2));
            if (g != null) {
                return new ParsedGrade(g, false, ParsedGrade.Method.JSON);
            }
        }
        return parsePlain(text);
    }

    /**
     * Reads the grades of {@code count} predictions from a multi-prediction JSON grader: key {@code i} is any key
     * ending in the index (预测答案0, prediction0). A missing or unreadable entry is a parse failure for that index
     * only. With {@code count == 1} and no JSON at all, the plain rules apply.
     */
    public List<ParsedGrade> parseMulti(String output, int count) {
        String text = clean(output);
        Map<Integer, Grade> byIndex = new HashMap<>();
        JsonNode obj = readObject(text);
        if (obj != null) {
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                Matcher m = TRAILING_INDEX.matcher(e.getKey());
                Grade g = label(valueText(e.getValue()));
                if (m.find() && g != null) {
                    byIndex.putIfAbsent(Integer.parseInt(m.group(1)), g);
                }
            }
        }
        Matcher pair = PAIR.matcher(text);
        while (pair.find()) {
            Matcher m = TRAILING_INDEX.matcher(pair.group(1));
            Grade g = label(pair.group(2));
            if (m.find() && g != null) {
                byIndex.putIfAbsent(Integer.parseInt(m.group(1)), g);
            }
        }
        Matcher loose = LOOSE_PAIR.matcher(text);
        while (loose.find()) {
            byIndex.putIfAbsent(Integer.parseInt(loose.group(1)), label(loose.group(2)));
        }
        if (byIndex.isEmpty() && count == 1) {
            return List.of(obj != null ? parse(output) : parsePlain(text));
        }
        List<ParsedGrade> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Grade g = byIndex.get(i);
            out.add(g == null ? ParsedGrade.failed() : new ParsedGrade(g, false, ParsedGrade.Method.JSON));
        }
        return out;
    }

    private ParsedGrade parsePlain(String text) {
        Matcher letter = LETTER.matcher(text);
        if (letter.find()) {
            return new ParsedGrade(fromLetter(letter.group(1)), false, ParsedGrade.Method.LETTER);
        }
        Matcher lone = LONE_LETTER.matcher(text);
        if (lone.find()) {
            return new ParsedGrade(fromLetter(lone.group(1)), false, ParsedGrade.Method.LETTER);
        }
        Grade whole = label(text);
        if (whole != null) {
            return new ParsedGrade(whole, false, ParsedGrade.Method.LABEL);
        }
        Matcher line = GRADE_LINE.matcher(text);
        if (line.find()) {
            return new ParsedGrade(fromLetter(line.group(1)), false, ParsedGrade.Method.LETTER);
        }
        Grade keyword = keyword(text);
        return keyword == null ? ParsedGrade.failed() : new ParsedGrade(keyword, false, ParsedGrade.Method.KEYWORD);
    }

    private static String clean(String output) {
        String s = output == null ? "" : output;
        return FENCE.matcher(s).replaceAll("").replace("**", "").replace("【", "").replace("】", "").strip();
    }

    /** The JSON object in {@code text}, completing a truncated one; null when there is none. */
    private static JsonNode readObject(String text) {
        int open = text.indexOf('{');
        if (open < 0) {
            return null;
        }
        String candidate = text.substring(open);
        int close = candidate.lastIndexOf('}');
        List<String> attempts = close >= 0
                ? List.of(candidate.substring(0, close + 1), candidate + "}", candidate + "\"}")
                : List.of(candidate + "}", candidate + "\"}", candidate.replaceAll(",\\s*$", "") + "}");
        for (String a : attempts) {
            try {
                JsonNode n = JSON.readTree(a);
                if (n != null && n.isObject()) {
                    return n;
                }
            } catch (IOException notYet) {
                // try the next completion
            }
        }
        return null;
    }

    private static String valueText(JsonNode v) {
        if (v.isObject()) {
            JsonNode c = v.get("conclusion");
            return c == null ? null : c.asText();
        }
        return v.isValueNode() ? v.asText() : null;
    }

    /** The grade a whole label denotes (letter, English or Chinese), or null. */
    static Grade label(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.replace("**", "").replaceAll("[\\s\"'`。.!！:：]+$", "").replaceAll("^[\\s\"'`]+", "")
                .toUpperCase(Locale.ROOT).replace(' ', '_');
        return switch (s) {
            case "A", "CORRECT", "正确" -> Grade.CORRECT;
            case "B", "INCORRECT", "错误", "不正确" -> Grade.INCORRECT;
            case "C", "NOT_ATTEMPTED", "NOTATTEMPTED", "未尝试" -> Grade.NOT_ATTEMPTED;
            default -> null;
        };
    }

    private static Grade keyword(String text) {
        String u = text.toUpperCase(Locale.ROOT).replace(' ', '_');
        if (u.contains("NOT_ATTEMPTED") || u.contains("未尝试")) {
            return Grade.NOT_ATTEMPTED;
        }
        if (u.contains("INCORRECT") || u.contains("不正确") || u.contains("错误")) {
            return Grade.INCORRECT;
        }
        if (u.contains("CORRECT") || u.contains("正确")) {
            return Grade.CORRECT;
        }
        return null;
    }

    private static Grade fromLetter(String letter) {
        return switch (letter) {
            case "A" -> Grade.CORRECT;
            case "B" -> Grade.INCORRECT;
            default -> Grade.NOT_ATTEMPTED;
        };
    }
}
