/**
 * The resumable AlignXIE evaluation: {@link dev.seedling.eval.ie.run.IeEvaluation} prompts a
 * {@link dev.seedling.eval.chat.ChatModel} for each sentence, appends the raw output to
 * {@code predictions.jsonl} ({@link dev.seedling.eval.ie.run.PredictionLog}), skips ids already answered on restart,
 * then parses, filters and scores everything and writes {@code report.md} and {@code report.json}
 * ({@link dev.seedling.eval.ie.run.IeReportWriter}). The {@code seedling ie-eval} command is a thin wrapper around
 * {@link dev.seedling.eval.ie.run.IeEvaluation#fromFiles}.
 */
package dev.seedling.eval.ie.run;
