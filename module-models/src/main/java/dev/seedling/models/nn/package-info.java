/** Basic layers: {@link dev.seedling.models.nn.Linear}, {@link dev.seedling.models.nn.Embedding}, {@link dev.seedling.models.nn.Dropout}. */
package dev.seedling.models.nn;
