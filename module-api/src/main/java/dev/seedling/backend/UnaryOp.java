package dev.seedling.backend;

/** Elementwise functions of one F32 input. Definitions follow PyTorch (GELU is the exact, erf-based one). */
public enum UnaryOp {
    NEG, ABS, EXP, LOG, SQRT, RSQRT, TANH, SIGMOID, RELU,
    /** x·Φ(x), Φ the standard normal CDF. */
    GELU,
    /** The derivative of {@link #GELU}: Φ(x) + x·φ(x). */
    GELU_GRAD,
    /** x·sigmoid(x). */
    SILU,
    SIN, COS,
    /** -1, 0 or 1 (0 for ±0 and NaN stays NaN). */
    SIGN
}
