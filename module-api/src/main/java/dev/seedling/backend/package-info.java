/**
 * The backend SPI: the small set of primitive kernels a backend implements, discovery with ServiceLoader and run-time selection. Backends live in their own modules; nothing outside them imports their packages.
 */
package dev.seedling.backend;
