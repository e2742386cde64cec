/**
 * SimpleVQA items (arXiv 2502.13059): the {@link dev.seedling.data.vqa.VqaItem} record, its image, language and
 * task/topic categories, and {@link dev.seedling.data.vqa.SimpleVqaLoader}, which reads and validates JSON or JSONL
 * files. Raw category labels are always kept next to the resolved codes, because the published labels are noisy model
 * output and their mapping onto the 9 tasks and 9 topics is configuration
 * ({@link dev.seedling.data.vqa.VqaCategoryMapping}), not fact. No model calls and no network access live here; the
 * Parquet release is converted offline by {@code tools/simplevqa_parquet_to_jsonl.py}.
 */
package dev.seedling.data.vqa;
