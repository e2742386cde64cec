/**
 * The OpenCL backend (JOCL). Until its issue lands it registers a provider that reports itself unavailable, with the reason.
 */
package dev.seedling.opencl;
