/**
 * IE data: loaders for KnowCoder-style gold JSON ({@link dev.seedling.eval.ie.data.KnowCoderGoldLoader}), CoNLL-style
 * BIO files ({@link dev.seedling.eval.ie.data.ConllBioLoader}) and ParallelNER-style parallel records
 * ({@link dev.seedling.eval.ie.data.ParallelNerLoader}), and the LLM pipeline that builds parallel records
 * ({@link dev.seedling.eval.ie.data.ParallelDataBuilder}) under the invariant that every target span is a substring
 * of the target sentence. Malformed files raise {@link dev.seedling.eval.ie.data.IeDataException} naming file and
 * line. No data set is bundled; paths come from the user.
 */
package dev.seedling.eval.ie.data;
