package dev.seedling.eval.tkgqa.draft;

import dev.seedling.eval.tkgqa.program.Program;

import java.util.Objects;

/**
 * A worked example for the draft prompt.
 *
 * @param question    the question text
 * @param category    its category ({@code qtype} / {@code type})
 * @param program     a program that answers it (with KG names)
 * @param handWritten whether a person wrote it (the seed set D0) rather than the self-improvement loop verifying it
 */
public record Demo(String question, String category, Program program, boolean handWritten) {
    public Demo {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(program, "program");
    }
}
