package dev.seedling.autograd;

/**
 * Whether operations record the autograd graph on this thread. Recording is on by default; inside a
 * {@link #noGrad()} scope no op records a backward node (for evaluation, optimiser updates and backward itself).
 * Scopes nest and are per thread.
 */
public final class GradMode {
    private static final ThreadLocal<int[]> DISABLED = ThreadLocal.withInitial(() -> new int[1]);

    private GradMode() {
    }

    /** Whether ops on this thread record gradients now. */
    public static boolean isEnabled() {
        return DISABLED.get()[0] == 0;
    }

    /**
     * Disables recording on this thread until the scope is closed.
     * <pre>{@code try (var ng = GradMode.noGrad()) { w.subInPlace(g.mul(lr)); } }</pre>
     */
    public static Scope noGrad() {
        int[] depth = DISABLED.get();
        depth[0]++;
        boolean[] closed = new boolean[1];
        return () -> {
            // idempotent: a second close must not re-enable (or permanently disable) recording
            if (!closed[0]) {
                closed[0] = true;
                depth[0]--;
            }
        };
    }

    /** A grad-mode scope; closing it restores the previous mode. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
