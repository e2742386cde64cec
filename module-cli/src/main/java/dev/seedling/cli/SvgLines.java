package dev.seedling.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A minimal SVG line chart: one polyline per series of (x, y-column-2) points, a legend and the axis ranges. */
final class SvgLines {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

    private SvgLines() {
    }

    /** Plots {@code point[2]} against {@code point[0]} for every series. */
    static String plot(String title, Map<String, List<double[]>> series) {
        double xMin = Double.MAX_VALUE, xMax = -Double.MAX_VALUE, yMin = Double.MAX_VALUE, yMax = -Double.MAX_VALUE;
        for (List<double[]> s : series.values()) {
            for (double[] p : s) {
                xMin = Math.min(xMin, p[0]);
                xMax = Math.max(xMax, p[0]);
                yMin = Math.min(yMin, p[2]);
                yMax = Math.max(yMax, p[2]);
            }
        }
        double w = 640, h = 400, left = 60, top = 30, right = 150, bottom = 40;
        double xs = (w - left - right) / Math.max(1e-9, xMax - xMin);
        double ys = (h - top - bottom) / Math.max(1e-9, yMax - yMin);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" "
                        + "font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"%.0f\" y=\"18\">%s</text>%n", w, h, left, title));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" "
                + "stroke=\"#888\"/>%n", left, top, w - left - right, h - top - bottom));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\">%.3f</text>%n<text x=\"%.0f\" y=\"%.0f\">"
                        + "%.3f</text>%n", 2.0, top + 10, yMax, 2.0, h - bottom, yMin));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\">%.0f</text>%n<text x=\"%.0f\" y=\"%.0f\">"
                + "%.0f</text>%n", left, h - bottom + 16, xMin, w - right - 30, h - bottom + 16, xMax));
        int i = 0;
        for (var e : series.entrySet()) {
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder pts = new StringBuilder();
            for (double[] p : e.getValue()) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + (p[0] - xMin) * xs,
                        top + (yMax - p[2]) * ys));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                    + "points=\"%s\"/>%n", colour, pts.toString().strip()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\" fill=\"%s\">%s</text>%n",
                    w - right + 10, top + 16 + 18 * i, colour, e.getKey()));
            i++;
        }
        return svg.append("</svg>\n").toString();
    }
}
