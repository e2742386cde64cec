package dev.seedling.backend;

/**
 * The service a backend module registers (in {@code module-info} with {@code provides} and in
 * {@code META-INF/services} for class-path users). Providers are cheap to construct; {@link #probe()} may look at the
 * hardware but must not throw.
 */
public interface BackendProvider {
    /** The name users select it by: {@code cpu}, {@code opencl}. */
    String name();

    /** Higher wins when no backend is requested. */
    int priority();

    /** Whether it can run here, and why. Never throws; a failure is reported as an unavailable reason. */
    Availability probe();

    /**
     * Lines for {@code seedling info} beyond the one-line availability: for a backend with several devices, each
     * device with its memory, compute units and version, and why it was or was not chosen. Never throws; may look at
     * the hardware like {@link #probe()}. The default has none.
     */
    default java.util.List<String> details() {
        return java.util.List.of();
    }

    /**
     * Opens the backend.
     *
     * @param device the part after {@code name:} in a request such as {@code opencl:1} or {@code opencl:nvidia},
     *               or {@code null} for the provider's own choice
     * @throws BackendUnavailableException when it cannot run here or the device does not exist
     */
    Backend open(String device);
}
