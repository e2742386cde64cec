package dev.seedling.opencl;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.util.Locale;

/**
 * One OpenCL device as discovery found it: identity, limits and capabilities. {@code index} is its place in the
 * selection order (GPUs, then accelerators, then CPUs), the number {@code opencl:<index>} selects.
 */
record ClDevice(int index, cl_platform_id platform, cl_device_id id, String platformName, String platformVersion,
                String name, Kind kind, String version, String driverVersion, long globalMemBytes,
                long maxAllocBytes, long localMemBytes, int computeUnits, long maxWorkGroupSize, String extensions) {

    /** Device types in the order discovery prefers them. */
    enum Kind { GPU, ACCELERATOR, CPU, OTHER }

    boolean hasExtension(String ext) {
        return (" " + extensions + " ").contains(" " + ext + " ");
    }

    /** Whether {@code fragment} (case-insensitive) occurs in the platform or device name. */
    boolean matches(String fragment) {
        String f = fragment.toLowerCase(Locale.ROOT);
        return name.toLowerCase(Locale.ROOT).contains(f) || platformName.toLowerCase(Locale.ROOT).contains(f);
    }

    /** A stable key for caches: platform, device, OpenCL and driver versions. */
    String cacheKey() {
        return platformName + "|" + platformVersion + "|" + name + "|" + version + "|" + driverVersion;
    }

    /** "[0] GPU NVIDIA H100 (NVIDIA CUDA, OpenCL 3.0 CUDA, driver 550.54): 132 compute units, 79.1 GiB, ...". */
    String describe() {
        return String.format(Locale.ROOT, "[%d] %s %s (%s; %s; driver %s): %d compute units, %s global memory, "
                        + "%s max allocation, %s local memory, work-group up to %d%s%s", index, kind, name, platformName,
                version, driverVersion, computeUnits, bytes(globalMemBytes), bytes(maxAllocBytes),
                bytes(localMemBytes), maxWorkGroupSize, hasExtension("cl_khr_fp16") ? ", fp16" : "",
                hasExtension("cl_khr_subgroups") || hasExtension("cl_intel_subgroups") ? ", subgroups" : "");
    }

    static String bytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    }
}
