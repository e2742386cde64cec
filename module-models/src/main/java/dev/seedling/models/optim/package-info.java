/** Optimisers (AdamW, SGD with momentum), learning-rate schedules and gradient clipping. */
package dev.seedling.models.optim;
