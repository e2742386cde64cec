/**
 * The cross-backend conformance suite: every op of the tensor API tested on every backend that
 * {@link dev.seedling.backend.Backends#discover()} finds ({@link dev.seedling.conformance.OnEveryBackend}; unavailable
 * backends are skipped with their reason). Sub-packages follow the op families; {@code pytorch} replays the fixtures of
 * {@code tools/reference/generate_op_fixtures.py}. Tolerances live in {@link dev.seedling.conformance.Tolerances} only.
 * Nothing here imports a backend package.
 */
package dev.seedling.conformance;
