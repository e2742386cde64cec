package dev.seedling.backend;

import lombok.extern.slf4j.Slf4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discovery and selection of backends. Providers are found with {@link ServiceLoader} (module path and class path
 * alike). A request names a provider and optionally a device ({@code cpu}, {@code opencl}, {@code opencl:1},
 * {@code opencl:nvidia}); without one, the highest-priority available provider is used. A request that cannot be met
 * is an error listing every provider and its status: there is no silent fallback. Thread-safe.
 */
@Slf4j
public final class Backends {
    /** System property that names the backend to use. */
    public static final String PROPERTY = "seedling.backend";
    /** Environment variable that names the backend to use when the property is not set. */
    public static final String ENV = "SEEDLING_BACKEND";

    private static final Map<String, Backend> OPENED = new ConcurrentHashMap<>();
    private static volatile Selection defaultSelection;

    private Backends() {
    }

    /** A provider found on the path, with its probe result. */
    public record Found(String name, int priority, Availability availability, BackendProvider provider) {
    }

    /** The backend chosen when none is named explicitly, and the reason. */
    public record Selection(Backend backend, String reason) {
    }

    /** Every provider found, highest priority first, each probed once per call. */
    public static List<Found> discover() {
        List<Found> found = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
            found.add(new Found(p.name(), p.priority(), probe(p), p));
        }
        found.sort(Comparator.comparingInt(Found::priority).reversed().thenComparing(Found::name));
        return found;
    }

    private static Availability probe(BackendProvider p) {
        try {
            return p.probe();
        } catch (RuntimeException | LinkageError e) {
            return Availability.no("probe failed: " + e);
        }
    }

    /**
     * Opens the backend named by {@code request} ({@code name} or {@code name:device}); the same request returns the
     * same instance.
     *
     * @throws BackendUnavailableException if no provider has that name, it is unavailable, or the device is unknown;
     *                                     the message lists every provider found and its status
     */
    public static Backend open(String request) {
        String key = request.trim().toLowerCase(java.util.Locale.ROOT);
        Backend cached = OPENED.get(key);
        if (cached != null) {
            return cached;
        }
        synchronized (OPENED) {
            cached = OPENED.get(key);
            if (cached != null) {
                return cached;
            }
            int colon = key.indexOf(':');
            String name = colon < 0 ? key : key.substring(0, colon);
            String device = colon < 0 ? null : key.substring(colon + 1);
            // only the named provider is probed: probing OpenCL loads every installed driver into the process,
            // which a user who asked for the cpu backend should not pay for (nor risk, see OpenClBackendProvider)
            BackendProvider provider = null;
            for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
                if (p.name().equals(name)) {
                    provider = p;
                    break;
                }
            }
            if (provider == null) {
                throw new BackendUnavailableException("backend '" + request + "' was requested but no provider named '"
                        + name + "' was found. " + listing(discover()));
            }
            Availability availability = probe(provider);
            if (!availability.available()) {
                throw new BackendUnavailableException("backend '" + request + "' was requested but is unavailable: "
                        + availability.reason() + ". " + listing(discover()));
            }
            Backend b;
            try {
                b = provider.open(device);
            } catch (BackendUnavailableException e) {
                throw new BackendUnavailableException(e.getMessage() + ". " + listing(discover()), e);
            }
            OPENED.put(key, b);
            return b;
        }
    }

    /**
     * The default backend: the one named by {@value #PROPERTY} or {@value #ENV}, else the highest-priority available
     * one. Chosen once per JVM and logged at INFO with the reason.
     */
    public static Selection defaultSelection() {
        Selection s = defaultSelection;
        if (s == null) {
            synchronized (Backends.class) {
                s = defaultSelection;
                if (s == null) {
                    s = select(System.getProperty(PROPERTY), System.getenv(ENV));
                    log.info("Seedling backend: {} ({}); {}", s.backend().name(), s.backend().description(), s.reason());
                    defaultSelection = s;
                }
            }
        }
        return s;
    }

    /**
     * The selection rule, given the values of {@value #PROPERTY} and {@value #ENV} (either may be null): the property
     * wins, then the variable, then the highest-priority available provider.
     *
     * @throws BackendUnavailableException when the named backend cannot be opened or none is available
     */
    public static Selection select(String prop, String env) {
        if (prop != null && !prop.isBlank()) {
            return new Selection(open(prop), "requested by -D" + PROPERTY + "=" + prop);
        }
        if (env != null && !env.isBlank()) {
            return new Selection(open(env), "requested by " + ENV + "=" + env);
        }
        List<Found> found = discover();
        for (Found f : found) {
            if (f.availability().available()) {
                return new Selection(open(f.name()), "highest-priority available backend (priority " + f.priority()
                        + "; " + f.availability().reason() + ")");
            }
        }
        throw new BackendUnavailableException("no Seedling backend is available. " + listing(found)
                + " Put seedling-cpu-simd on the class or module path.");
    }

    /** "Backends found: cpu (priority 10): available - ...; opencl (...): unavailable - ...". */
    public static String listing(List<Found> found) {
        if (found.isEmpty()) {
            return "Backends found: none (no BackendProvider on the class or module path).";
        }
        StringBuilder sb = new StringBuilder("Backends found: ");
        for (int i = 0; i < found.size(); i++) {
            Found f = found.get(i);
            sb.append(i == 0 ? "" : "; ").append(f.name()).append(" (priority ").append(f.priority()).append("): ")
                    .append(f.availability().available() ? "available - " : "unavailable - ")
                    .append(f.availability().reason());
        }
        return sb.append('.').toString();
    }
}
