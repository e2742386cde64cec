/**
 * Interpreting programs over a {@link dev.seedling.data.tkg.TemporalKg}: the {@link
 * dev.seedling.eval.tkgqa.exec.Executor}, the semantics of every operator, the boundary and granularity choices the
 * paper leaves open ({@link dev.seedling.eval.tkgqa.exec.ExecutionPolicy}), the answer ranking, an execution trace,
 * and the {@link dev.seedling.eval.tkgqa.exec.ExecutionLimits} that stop a hostile program. Operators are chosen by
 * a switch over {@link dev.seedling.eval.tkgqa.program.Operator}; no host code is looked up or run from program text.
 */
package dev.seedling.eval.tkgqa.exec;
