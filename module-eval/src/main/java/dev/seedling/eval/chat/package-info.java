/**
 * Chat models as the evaluation pipelines see them: {@link dev.seedling.eval.chat.ChatModel} takes messages with text
 * and image parts and returns text. Implementations: an OpenAI-compatible HTTP client and, for tests and offline runs,
 * scripted models. Nothing here executes model output.
 */
package dev.seedling.eval.chat;
