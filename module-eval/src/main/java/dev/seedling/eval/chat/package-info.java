/**
 * Chat models as the evaluation pipelines see them: {@link dev.seedling.eval.chat.ChatModel} takes messages with text
 * and image parts and returns text. Implementations: {@link dev.seedling.eval.chat.OpenAiChatModel}, an
 * OpenAI-compatible HTTP client (retries, backoff, a concurrency limit; the API key only from the environment and never
 * logged), opened from a one-string spec by {@link dev.seedling.eval.chat.ChatModels#open(String)}; and
 * {@link dev.seedling.eval.chat.ScriptedChatModel} for tests and offline demos;
 * {@link dev.seedling.eval.chat.TextOnlyChatModel} puts a marker in place of images for a model that reads text only.
 * A local Seedling model is reached through {@code seedling serve} (its own process, or one the {@code seedling}
 * commands start in process for a model directory), i.e. through the same HTTP client. Nothing here executes model
 * output.
 */
package dev.seedling.eval.chat;
