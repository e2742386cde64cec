package dev.seedling.eval.tkgqa.link;

import dev.seedling.eval.tkgqa.program.Program;

import java.util.List;

/**
 * A drafted program with its names replaced by KG names.
 *
 * @param program      the program with each mention replaced by its best candidate
 * @param alternatives programs that swap one {@code Relate} step's relation for a lower-ranked candidate, best
 *                     first, for the union post-processing (PP)
 * @param decisions    what was linked and to what, step by step
 */
public record LinkedProgram(Program program, List<Program> alternatives, List<Decision> decisions) {
    public LinkedProgram {
        alternatives = List.copyOf(alternatives);
        decisions = List.copyOf(decisions);
    }

    /**
     * One linking choice.
     *
     * @param step       the step index
     * @param mention    the text as drafted
     * @param candidates the candidates, best first; empty when nothing matched and the mention was kept
     */
    public record Decision(int step, String mention, List<Candidate> candidates) {
        public Decision {
            candidates = List.copyOf(candidates);
        }
    }
}
