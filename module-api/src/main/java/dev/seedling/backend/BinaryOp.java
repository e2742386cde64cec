package dev.seedling.backend;

/** Elementwise functions of two F32 inputs. Comparisons produce 1.0 for true and 0.0 for false. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW,
    /** Elementwise maximum; NaN if either input is NaN, as in PyTorch. */
    MAX,
    /** Elementwise minimum; NaN if either input is NaN, as in PyTorch. */
    MIN,
    EQ, NE, LT, LE, GT, GE
}
