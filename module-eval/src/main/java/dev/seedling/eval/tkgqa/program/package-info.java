/**
 * Programs of Prog-TQA: a KoPL-like list of {@link dev.seedling.eval.tkgqa.program.Step}s, the catalogue of
 * {@link dev.seedling.eval.tkgqa.program.Operator}s with their signatures, a parser for the JSON and the linear
 * {@code <i>}/{@code <d>} forms, and a validator whose errors name the step. Programs are data: nothing here looks
 * up host classes or methods by a name taken from input.
 */
package dev.seedling.eval.tkgqa.program;
