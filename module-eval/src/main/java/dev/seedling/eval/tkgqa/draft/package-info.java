/**
 * Drafting programs with an LLM: {@link dev.seedling.eval.tkgqa.draft.Demo}s kept per question category in a
 * {@link dev.seedling.eval.tkgqa.draft.DemoPool}, the {@link dev.seedling.eval.tkgqa.draft.CategoryClassifier} that
 * picks the category at test time (oracle or keyword rules), the
 * {@link dev.seedling.eval.tkgqa.draft.DraftPromptBuilder}, and the
 * {@link dev.seedling.eval.tkgqa.draft.DraftExtractor} that pulls a program out of a reply. Model output is only
 * ever parsed as a program, never run.
 */
package dev.seedling.eval.tkgqa.draft;
