/**
 * Self-improvement by fine-tuning (Prog-TQA Algorithm 1): verified (prompt, program) pairs become training examples
 * with the loss on the program tokens only ({@link dev.seedling.eval.tkgqa.tune.ProgramExamples}), a Seedling model
 * is fine-tuned on them with the {@link dev.seedling.models.train.Trainer}, and the fine-tuned model drafts the next
 * round ({@link dev.seedling.eval.tkgqa.tune.FineTuneSelfImprovementLoop}).
 */
package dev.seedling.eval.tkgqa.tune;
