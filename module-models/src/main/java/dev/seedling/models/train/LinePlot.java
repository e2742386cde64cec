package dev.seedling.models.train;

import java.util.List;
import java.util.Locale;

/**
 * A small SVG line chart with linear axes: one polyline (or a row of dots) per series, a legend in the top-right
 * corner. Used by {@link LossCurve} and by experiment reports that compare several loss curves.
 */
public final class LinePlot {
    private static final String[] PALETTE = {"steelblue", "darkorange", "forestgreen", "crimson", "mediumpurple",
        "saddlebrown", "hotpink", "gray", "olive", "darkturquoise", "black", "gold"};

    /**
     * One series: {@code xs[i], ys[i]} points (non-finite y skipped), drawn as a line or as dots.
     *
     * @param color an SVG colour, or null for the palette colour of its position
     */
    public record Series(String name, double[] xs, double[] ys, boolean dots, String color) {
    }

    private LinePlot() {
    }

    /** The chart as SVG text ({@code width}×{@code height} pixels). */
    public static String svg(String xLabel, List<Series> series, int width, int height) {
        int pad = 50;
        int legend = series.size() > 2 ? 160 : 0;   // a long legend gets its own column right of the plot
        double maxX = 1;
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (Series s : series) {
            for (int i = 0; i < s.xs().length; i++) {
                maxX = Math.max(maxX, s.xs()[i]);
                if (Double.isFinite(s.ys()[i])) {
                    lo = Math.min(lo, s.ys()[i]);
                    hi = Math.max(hi, s.ys()[i]);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        if (hi - lo < 1e-9) {
            hi = lo + 1;
        }
        double fLo = lo;
        double fHi = hi;
        double fMaxX = maxX;
        java.util.function.DoubleUnaryOperator x = v -> pad + (width - 2 * pad - legend) * v / fMaxX;
        java.util.function.DoubleUnaryOperator y = v -> height - pad - (height - 2 * pad) * (v - fLo) / (fHi - fLo);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                pad, height - pad, width - pad - legend, height - pad));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                pad, pad, pad, height - pad));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s (max %s)</text>%n", width / 2 - 30,
                height - 15, xLabel, (long) maxX));
        sb.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\">%.3f</text>%n", pad, hi));
        sb.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\">%.3f</text>%n", height - pad, lo));
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String color = s.color() != null ? s.color() : PALETTE[k % PALETTE.length];
            if (s.dots()) {
                for (int i = 0; i < s.xs().length; i++) {
                    if (Double.isFinite(s.ys()[i])) {
                        sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>%n",
                                x.applyAsDouble(s.xs()[i]), y.applyAsDouble(s.ys()[i]), color));
                    }
                }
            } else {
                sb.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"");
                for (int i = 0; i < s.xs().length; i++) {
                    if (Double.isFinite(s.ys()[i])) {
                        sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(s.xs()[i]),
                                y.applyAsDouble(s.ys()[i])));
                    }
                }
                sb.append("\"/>\n");
            }
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                    width - 170 + legend / 16, pad - 20 + 15 * k, color, s.name()));
        }
        return sb.append("</svg>\n").toString();
    }
}
