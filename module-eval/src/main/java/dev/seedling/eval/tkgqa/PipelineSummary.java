package dev.seedling.eval.tkgqa;

import dev.seedling.eval.tkgqa.metric.HitsReport;

import java.nio.file.Path;

/**
 * What a {@link TkgqaPipeline} run did.
 *
 * @param answered   questions answered in this run (including failed ones, which score 0)
 * @param skipped    questions skipped because the results file already held them
 * @param failed     of {@code answered}, those whose draft, parse, validation or execution failed
 * @param retryLater questions left out because the model failed transiently; a rerun retries them
 * @param report     Hits@k over every row in the results file
 * @param results    the JSONL results file
 * @param metrics    the JSON metrics file
 */
public record PipelineSummary(int answered, int skipped, int failed, int retryLater, HitsReport report, Path results,
                              Path metrics) {
}
