package dev.seedling.cpu;

import dev.seedling.backend.Availability;
import dev.seedling.backend.Backend;
import dev.seedling.backend.BackendProvider;
import dev.seedling.backend.BackendUnavailableException;

/** Registers the CPU backend (priority 10: below any GPU backend that is available). */
public final class CpuBackendProvider implements BackendProvider {
    private static volatile CpuBackend instance;

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability probe() {
        try {
            return Availability.yes("Vector API " + Simd.F + ", " + Parallel.THREADS + " threads");
        } catch (LinkageError e) {
            return Availability.no("the Vector API (module jdk.incubator.vector) is not available: start Java with "
                    + "--add-modules jdk.incubator.vector (" + e + ")");
        }
    }

    @Override
    public Backend open(String device) {
        if (device != null && !device.isBlank() && !device.equals("0")) {
            throw new BackendUnavailableException("cpu has a single device (0); '" + device + "' was requested");
        }
        CpuBackend b = instance;
        if (b == null) {
            synchronized (CpuBackendProvider.class) {
                if (instance == null) {
                    instance = new CpuBackend();
                }
                b = instance;
            }
        }
        return b;
    }
}
