/**
 * Prog-TQA (arXiv 2404.01720): temporal KG question answering by programs. A question is drafted into a program by
 * an LLM ({@link dev.seedling.eval.chat.ChatModel}) shown same-category demos, linked to the KG, and executed;
 * {@link dev.seedling.eval.tkgqa.ProgTqaAnswerer} does this for one question,
 * {@link dev.seedling.eval.tkgqa.TkgqaPipeline} for a question file (resumable, JSONL results plus Hits@k), and
 * {@link dev.seedling.eval.tkgqa.SelfImprovementLoop} grows the demo pool with verified programs (the in-context
 * variant; fine-tuning awaits a trainer). Sub-packages: {@code program}, {@code exec}, {@code link}, {@code draft},
 * {@code metric}. Semantics and policies: {@code docs/} and spec part 3.
 */
package dev.seedling.eval.tkgqa;
