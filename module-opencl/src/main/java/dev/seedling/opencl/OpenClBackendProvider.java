package dev.seedling.opencl;

import dev.seedling.backend.Availability;
import dev.seedling.backend.Backend;
import dev.seedling.backend.BackendProvider;
import dev.seedling.backend.BackendUnavailableException;

/**
 * Registers the OpenCL backend. Its kernels are not written yet (the OpenCL backend issue), so it always reports
 * itself unavailable with that reason; selection therefore never picks it silently, and asking for it explains why.
 */
public final class OpenClBackendProvider implements BackendProvider {
    private static final String REASON = "the OpenCL kernels are not implemented in this version of Seedling";

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability probe() {
        return Availability.no(REASON);
    }

    @Override
    public Backend open(String device) {
        throw new BackendUnavailableException("opencl: " + REASON);
    }
}
