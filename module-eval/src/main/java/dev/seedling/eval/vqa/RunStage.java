package dev.seedling.eval.vqa;

/** The questions a run may ask about one item. */
public enum RunStage {
    /** The item's question with the plain answer prompt: the benchmark's CO/IN/NA/CGA/F. */
    MAIN,
    /** The item's question with the calibration prompt (answer + confidence). */
    CALIBRATION,
    /** The atomic (visual) question, graded against the atomic fact. */
    ATOMIC,
    /** The question with the atomic fact given as a hint, graded against the answer. */
    HINTED
}
