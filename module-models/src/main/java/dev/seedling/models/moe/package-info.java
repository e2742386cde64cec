/** Mixture-of-Experts feed-forward layers: a top-k softmax router, dropless dispatch and the auxiliary losses. */
package dev.seedling.models.moe;
