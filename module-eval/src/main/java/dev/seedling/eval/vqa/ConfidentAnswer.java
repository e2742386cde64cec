package dev.seedling.eval.vqa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply to the calibration prompt: the answer and the stated confidence.
 *
 * @param answer     the answer text
 * @param confidence the stated confidence in [0, 100]
 */
public record ConfidentAnswer(String answer, double confidence) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ANSWER = Pattern.compile("\"answer\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern SCORE = Pattern.compile("\"confidence_score\"\\s*:\\s*\"?(\\d+(?:\\.\\d+)?)");

    /**
     * Reads {@code {"answer": ..., "confidence_score": 0-100}} from a reply, with or without code fences, also when
     * truncated after the score. Empty when either field is missing or the score is outside [0, 100].
     */
    public static Optional<ConfidentAnswer> parse(String reply) {
        if (reply == null) {
            return Optional.empty();
        }
        int open = reply.indexOf('{');
        int close = reply.lastIndexOf('}');
        if (open >= 0 && close > open) {
            try {
                JsonNode n = JSON.readTree(reply.substring(open, close + 1));
                JsonNode a = n.get("answer");
                JsonNode s = n.get("confidence_score");
                if (a != null && s != null && (s.isNumber() || s.asText().matches("\\d+(\\.\\d+)?"))) {
                    return checked(a.asText(), s.asDouble());
                }
            } catch (IOException notJson) {
                // fall through to the patterns
            }
        }
        Matcher a = ANSWER.matcher(reply);
        Matcher s = SCORE.matcher(reply);
        return a.find() && s.find() ? checked(a.group(1), Double.parseDouble(s.group(1))) : Optional.empty();
    }

    private static Optional<ConfidentAnswer> checked(String answer, double score) {
        return score < 0 || score > 100 ? Optional.empty() : Optional.of(new ConfidentAnswer(answer, score));
    }
}
