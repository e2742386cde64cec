/**
 * The {@code seedling} command: picocli sub-commands over the library.
 */
package dev.seedling.cli;
