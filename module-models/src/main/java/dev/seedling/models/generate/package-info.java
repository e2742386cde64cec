/** Autoregressive generation with a KV cache: greedy, temperature, top-k and top-p sampling, stops and streaming. */
package dev.seedling.models.generate;
