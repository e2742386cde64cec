/**
 * The OpenCL backend on JOCL: device discovery and selection ({@link dev.seedling.opencl.OpenClBackendProvider}),
 * every kernel of the backend SPI in OpenCL C 1.2, a tiled SGEMM with per-device autotuned tiles, fused row kernels,
 * on-disk program binary cache and a device buffer pool. Users select it by name ({@code SEEDLING_BACKEND=opencl});
 * the only public type they may meet is {@link dev.seedling.opencl.OpenClException}.
 */
package dev.seedling.opencl;
