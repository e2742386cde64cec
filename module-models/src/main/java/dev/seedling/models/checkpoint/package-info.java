/**
 * Model directories ({@code config.json} + {@code model.safetensors}) and atomic training checkpoints; the format is
 * documented in {@code docs/checkpoint-format.md}.
 */
package dev.seedling.models.checkpoint;
