/**
 * Seedling models run in process by the evaluation pipelines: {@link dev.seedling.eval.local.LocalModel} (a model
 * directory with its tokenizer), {@link dev.seedling.eval.local.LocalChatModel} (a
 * {@link dev.seedling.eval.chat.ChatModel} that generates with the model),
 * {@link dev.seedling.eval.local.ModelEmbedder} (an {@link dev.seedling.eval.tkgqa.link.Embedder} from mean-pooled
 * hidden states), and the plain-text {@link dev.seedling.eval.local.ChatTemplate} and
 * {@link dev.seedling.eval.local.TextGeneration} that {@code seedling serve} and {@code seedling generate} share.
 * Depends on module-models; nothing in module-models or module-data depends on it.
 */
package dev.seedling.eval.local;
