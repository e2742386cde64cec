package dev.seedling.eval.tkgqa.exec;

import dev.seedling.eval.tkgqa.program.ValueType;

import java.util.List;

/**
 * What one step did, for debugging programs and for the results file.
 *
 * @param index   the step index
 * @param step    the step in linear form
 * @param type    its result type
 * @param size    how many elements it produced
 * @param preview up to three of them as text
 * @param nanos   how long it took
 */
public record TraceStep(int index, String step, ValueType type, int size, List<String> preview, long nanos) {
    public TraceStep {
        preview = List.copyOf(preview);
    }
}
