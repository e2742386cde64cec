/**
 * The SimpleVQA evaluation (arXiv 2502.13059): answer prompts ({@link dev.seedling.eval.vqa.AnswerPromptBuilder}),
 * judge prompts ({@link dev.seedling.eval.vqa.JudgePromptBuilder}), reading judge output
 * ({@link dev.seedling.eval.vqa.JudgeGradeParser}), the factuality metrics and their breakdowns
 * ({@link dev.seedling.eval.vqa.FactualityScorer}), calibration, the atomic-question probe, and the resumable
 * pipeline ({@link dev.seedling.eval.vqa.SimpleVqaEvaluation}) with its results file and reports.
 *
 * <p>Policies where the paper and its code are open or inconsistent: metrics are exact unless compat rounding is
 * asked for; unreadable judge output is NOT_ATTEMPTED and counted as a parse failure; calibration uses 10 equal-width
 * bins; the probe's hint wording is ours. Models are reached only through {@link dev.seedling.eval.chat.ChatModel};
 * this package opens no connections itself and never executes model output.
 */
package dev.seedling.eval.vqa;
