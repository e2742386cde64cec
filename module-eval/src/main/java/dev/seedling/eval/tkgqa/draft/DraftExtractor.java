package dev.seedling.eval.tkgqa.draft;

import dev.seedling.eval.tkgqa.program.Program;
import dev.seedling.eval.tkgqa.program.ProgramParseException;
import dev.seedling.eval.tkgqa.program.ProgramParser;

import java.util.ArrayList;
import java.util.List;

/**
 * Pulls a program out of a model's reply: the first fenced block if any, else the whole reply; JSON if it starts
 * like JSON, else the lines that contain {@code <i>} or {@code <d>} (prose around them is dropped). Stateless.
 */
public final class DraftExtractor {
    private final ProgramParser parser = new ProgramParser();

    /**
     * The program in {@code reply}.
     *
     * @throws ProgramParseException when the reply holds no program or it does not parse
     */
    public Program extract(String reply) {
        String body = reply;
        int fence = reply.indexOf("```");
        if (fence >= 0) {
            int start = reply.indexOf('\n', fence);
            int end = start < 0 ? -1 : reply.indexOf("```", start);
            if (start >= 0 && end > start) {
                body = reply.substring(start + 1, end);
            }
        }
        String t = body.strip();
        if (t.startsWith("[") || t.startsWith("{")) {
            return parser.parseJson(t);
        }
        List<String> lines = new ArrayList<>();
        for (String line : t.split("\\R")) {
            if (line.contains("<i>") || line.contains("<d>")) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            throw new ProgramParseException("the reply holds no program (no line with <i> or <d>): "
                    + (t.length() > 120 ? t.substring(0, 120) + "..." : t));
        }
        return parser.parseLinear(String.join("\n", lines));
    }
}
