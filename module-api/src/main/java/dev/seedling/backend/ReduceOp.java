package dev.seedling.backend;

/** Reductions over one axis. ARGMAX and ARGMIN write I64 indices of the first extreme element. */
public enum ReduceOp {
    SUM, MAX, MIN, ARGMAX, ARGMIN
}
