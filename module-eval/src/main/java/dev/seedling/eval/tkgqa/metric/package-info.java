/**
 * Hits@1 and Hits@10 over ranked answers, with exact or granularity-aware matching of time answers and the
 * breakdowns of the papers: MultiTQ by question type, Single/Multiple, answer type and time level; CronQuestions by
 * simple/complex and type. Reports are plain records that serialise to JSON with string-keyed breakdowns. The
 * ranking of answers is decided upstream ({@link dev.seedling.eval.tkgqa.exec.AnswerRanking}).
 */
package dev.seedling.eval.tkgqa.metric;
