package dev.seedling.models.train;

import lombok.extern.slf4j.Slf4j;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Reports training progress: a one-line bar redrawn in place (step, loss, tokens/s, ETA) when standard error is a
 * terminal, and an SLF4J INFO line every {@code logEvery} steps otherwise.
 */
@Slf4j
final class ProgressReporter {
    private final long total;
    private final int logEvery;
    private final boolean terminal;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final long firstStep;

    ProgressReporter(long firstStep, long total, int logEvery) {
        this.firstStep = firstStep;
        this.total = total;
        this.logEvery = logEvery;
        this.terminal = System.console() != null && !"false".equals(System.getProperty("seedling.progress"));
        this.out = System.err;
    }

    void update(long step, double loss, double tokensPerSecond, double lr) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long done = step - firstStep;
        double eta = done > 0 ? elapsed / done * (total - step) : Double.NaN;
        if (terminal) {
            int width = 30;
            int filled = (int) (width * step / Math.max(1, total));
            String bar = "=".repeat(filled) + (filled < width ? ">" : "") + " ".repeat(Math.max(0, width - filled - 1));
            out.printf(Locale.ROOT, "\rstep %d/%d [%s] loss %.4f  %.0f tok/s  lr %.2e  ETA %s ", step, total, bar,
                    loss, tokensPerSecond, lr, duration(eta));
            if (step == total) {
                out.println();
            }
        } else if (step % logEvery == 0 || step == total) {
            log.info(String.format(Locale.ROOT, "step %d/%d loss %.4f %.0f tok/s lr %.2e ETA %s", step, total, loss,
                    tokensPerSecond, lr, duration(eta)));
        }
    }

    void message(String text) {
        if (terminal) {
            out.println();
        }
        log.info(text);
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
