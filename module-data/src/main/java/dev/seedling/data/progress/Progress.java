package dev.seedling.data.progress;

import lombok.extern.slf4j.Slf4j;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * Progress of one long task measured in units (bytes, documents). {@link #start} picks the display: a bar redrawn
 * in place on stderr when the JVM has a console ({@code System.console() != null}), else an SLF4J info line at most
 * every 10% or 10 seconds. Redraws are throttled (at most 10 a second), so {@link #advance} is cheap to call often.
 *
 * <p>Thread-safe: several workers may advance one progress. Close it to print the final state.
 */
@Slf4j
public final class Progress implements AutoCloseable {
    private static final int BAR = 30;

    private final String task;
    private final long total;
    private final String unit;
    private final PrintStream terminal;
    private final LongSupplier clock;
    private final long startNanos;
    private long done;
    private long lastDrawNanos;
    private int lastLoggedTenth;
    private long lastLogNanos;
    private boolean closed;

    Progress(String task, long total, String unit, PrintStream terminal, LongSupplier clock) {
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.terminal = terminal;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastLogNanos = startNanos;
        this.lastDrawNanos = Long.MIN_VALUE / 2;
        if (terminal == null) {
            log.info("{}: started, {} {}", task, total < 0 ? "unknown" : total, unit);
        }
    }

    /**
     * Starts reporting a task.
     *
     * @param task what is being done, e.g. "tokenising corpus.txt"
     * @param total units of work in all, or -1 if unknown
     * @param unit the unit's name, e.g. "bytes"
     */
    public static Progress start(String task, long total, String unit) {
        return new Progress(task, total, unit, System.console() != null ? System.err : null, System::nanoTime);
    }

    /** A progress that always draws a bar to {@code terminal} (tests, or a caller that knows better). */
    public static Progress toTerminal(String task, long total, String unit, PrintStream terminal) {
        return new Progress(task, total, unit, terminal, System::nanoTime);
    }

    /** Adds {@code units} of finished work. */
    public synchronized void advance(long units) {
        done += units;
        long now = clock.getAsLong();
        if (terminal != null) {
            if (now - lastDrawNanos >= 100_000_000L) {
                draw(now);
                lastDrawNanos = now;
            }
        } else {
            int tenth = total > 0 ? (int) Math.min(10, done * 10 / total) : 0;
            if (tenth > lastLoggedTenth || now - lastLogNanos >= 10_000_000_000L) {
                log.info("{}: {}", task, line(now));
                lastLoggedTenth = tenth;
                lastLogNanos = now;
            }
        }
    }

    /** Units finished so far. */
    public synchronized long done() {
        return done;
    }

    /** Prints the final state (a last bar and a newline, or a "done" log line). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long now = clock.getAsLong();
        if (terminal != null) {
            draw(now);
            terminal.println();
        } else {
            log.info("{}: done, {}", task, line(now));
        }
    }

    private void draw(long now) {
        StringBuilder sb = new StringBuilder("\r").append(task).append(" [");
        int filled = total > 0 ? (int) Math.min(BAR, done * BAR / total) : 0;
        sb.append("#".repeat(filled)).append(" ".repeat(BAR - filled)).append("] ").append(line(now));
        terminal.print(sb);
        terminal.flush();
    }

    private String line(long now) {
        double secs = Math.max(1e-9, (now - startNanos) / 1e9);
        String pct = total > 0 ? String.format("%5.1f%% ", 100.0 * done / total) : "";
        return String.format("%s%d/%s %s, %.1fs, %.2f M%s/s", pct, done, total < 0 ? "?" : Long.toString(total),
                unit, secs, done / secs / 1e6, unit);
    }
}
