/**
 * The CPU backend: every SPI kernel on Java arrays, vectorised with the Vector API and split across a fork-join pool. Only the ServiceLoader reaches this package.
 */
package dev.seedling.cpu;
