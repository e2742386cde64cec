/**
 * Entry point: {@link dev.seedling.Seedling} chooses a backend and describes the runtime.
 */
package dev.seedling;
