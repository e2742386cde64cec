package dev.seedling.cli;

import java.util.List;
import java.util.Locale;

/** A minimal SVG line chart: several named series of (x, y) points, axes with min/max labels, and a legend. */
final class SvgChart {
    record Series(String name, List<double[]> points) {
    }

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f"};

    private SvgChart() {
    }

    static String render(String title, String xLabel, String yLabel, List<Series> series) {
        int w = 640;
        int h = 400;
        int left = 70;
        int right = 190;
        int top = 40;
        int bottom = 50;
        double x0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (Series s : series) {
            for (double[] p : s.points()) {
                x0 = Math.min(x0, p[0]);
                x1 = Math.max(x1, p[0]);
                y0 = Math.min(y0, p[1]);
                y1 = Math.max(y1, p[1]);
            }
        }
        if (x1 == x0) {
            x1 = x0 + 1;
        }
        double pad = (y1 - y0) * 0.05 + 1e-9;
        y0 -= pad;
        y1 += pad;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", left,
                escape(title)));
        int pw = w - left - right;
        int ph = h - top - bottom;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#444\"/>%n", left, top, pw, ph));
        sb.append(label(left, h - bottom + 16, fmt(x0), "start"));
        sb.append(label(left + pw, h - bottom + 16, fmt(x1), "end"));
        sb.append(label(left + pw / 2, h - 12, xLabel, "middle"));
        sb.append(label(left - 6, top + ph, fmt(y0), "end"));
        sb.append(label(left - 6, top + 10, fmt(y1), "end"));
        sb.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" "
                + "text-anchor=\"middle\">%s</text>%n", top + ph / 2, top + ph / 2, escape(yLabel)));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder pts = new StringBuilder();
            for (double[] p : s.points()) {
                double x = left + (p[0] - x0) / (x1 - x0) * pw;
                double y = top + (y1 - p[1]) / (y1 - y0) * ph;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>%n", x,
                        y, colour));
            }
            sb.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"1.8\"/>%n", pts.toString().strip(), colour));
            int ly = top + 14 + 18 * i;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"3\"/>%n", left + pw + 10, ly - 4, left + pw + 30, ly - 4, colour));
            sb.append(label(left + pw + 36, ly, s.name(), "start"));
        }
        return sb.append("</svg>\n").toString();
    }

    private static String label(int x, int y, String text, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>%n", x, y, anchor,
                escape(text));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
