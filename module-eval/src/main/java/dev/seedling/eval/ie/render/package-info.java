/**
 * Code as the interface to the model: schemas rendered as Python class definitions in the KnowCoder or GoLLIE
 * {@link dev.seedling.eval.ie.render.CodeStyle style} ({@link dev.seedling.eval.ie.render.CodeSchemaRenderer}), the
 * task prompts ({@link dev.seedling.eval.ie.render.IePromptBuilder}), gold mentions as the code a model should write
 * ({@link dev.seedling.eval.ie.render.GoldToCode}) and instruction-tuning JSONL
 * ({@link dev.seedling.eval.ie.render.InstructionExporter}). All output is deterministic: the same input gives the
 * same bytes, with {@code \n} line ends. Nothing here parses model output.
 */
package dev.seedling.eval.ie.render;
