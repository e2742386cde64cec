package dev.seedling;

import dev.seedling.backend.Backend;
import dev.seedling.backend.Backends;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The front door: which backend tensors are created on, and a description of the runtime.
 *
 * <p>Tensor factories ({@code Tensor.zeros}, {@code Tensor.of}, ...) create tensors on the <em>current</em> backend:
 * the one installed on this thread by {@link #use(Backend)}, else the process default chosen by {@link Backends}.
 */
public final class Seedling {
    private static final ThreadLocal<Deque<Backend>> CURRENT = ThreadLocal.withInitial(ArrayDeque::new);

    private Seedling() {
    }

    /** The backend new tensors are created on by this thread. */
    public static Backend backend() {
        Backend b = CURRENT.get().peek();
        return b != null ? b : Backends.defaultSelection().backend();
    }

    /** Opens a backend by request string ({@code cpu}, {@code opencl:0}); see {@link Backends#open}. */
    public static Backend backend(String request) {
        return Backends.open(request);
    }

    /**
     * Makes {@code backend} current on this thread until the returned scope is closed.
     * <pre>{@code try (var s = Seedling.use(Seedling.backend("cpu"))) { ... } }</pre>
     */
    public static BackendScope use(Backend backend) {
        Deque<Backend> stack = CURRENT.get();
        stack.push(backend);
        int depth = stack.size();
        boolean[] closed = new boolean[1];
        return () -> {
            if (closed[0]) {
                return;   // idempotent: a second close must not pop an enclosing scope
            }
            if (stack.size() != depth || stack.peek() != backend) {
                throw new IllegalStateException("Seedling.use scopes closed out of order");
            }
            closed[0] = true;
            stack.pop();
        };
    }

    /** A scope from {@link #use}; closing it restores the previous backend. */
    public interface BackendScope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * A multi-line report: Java version, every backend found with its status, the one chosen and why. The CLI's
     * {@code info} command prints it.
     */
    public static String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("Seedling ").append(version()).append('\n');
        sb.append("Java: ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append(", ").append(System.getProperty("java.home"))
                .append(")\n");
        sb.append("OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" processors, max heap ")
                .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB\n");
        sb.append("Backends found:\n");
        var found = Backends.discover();
        if (found.isEmpty()) {
            sb.append("  (none: no BackendProvider on the class or module path)\n");
        }
        for (var f : found) {
            sb.append(String.format("  %-8s priority %3d  %-11s %s%n", f.name(), f.priority(),
                    f.availability().available() ? "available" : "unavailable", f.availability().reason()));
            try {
                for (String line : f.provider().details()) {
                    sb.append("           ").append(line).append('\n');
                }
            } catch (RuntimeException | LinkageError e) {
                sb.append("           (details failed: ").append(e).append(")\n");
            }
        }
        try {
            var sel = Backends.defaultSelection();
            sb.append("Chosen: ").append(sel.backend().name()).append(" - ").append(sel.backend().description())
                    .append('\n');
            sb.append("Why: ").append(sel.reason()).append('\n');
        } catch (RuntimeException e) {
            sb.append("Chosen: none - ").append(e.getMessage()).append('\n');
        }
        return sb.toString();
    }

    /** The library version from the jar manifest, or {@code dev} when run from classes. */
    public static String version() {
        String v = Seedling.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
