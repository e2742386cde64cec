package dev.seedling.eval.vqa;

import java.util.Locale;
import java.util.Map;

/**
 * The report's plots as standalone SVG: deterministic text, viewable in any browser and embeddable in Markdown,
 * without a dependency on {@code java.desktop}.
 */
public final class SvgCharts {
    private static final int SIZE = 360;
    private static final int PAD = 40;

    private SvgCharts() {
    }

    /**
     * A reliability diagram: one bar per non-empty bin at its accuracy, the diagonal of perfect calibration, and the
     * ECE in the title.
     */
    public static String reliabilityDiagram(CalibrationAnalyzer.Result result, String title) {
        StringBuilder s = header(title + String.format(Locale.ROOT, " (ECE %.3f, n=%d)", result.ece(), result.n()));
        int plot = SIZE - 2 * PAD;
        s.append(line(PAD, SIZE - PAD, SIZE - PAD, PAD, "#999", "4,4"));
        for (CalibrationAnalyzer.Bin b : result.bins()) {
            if (b.count() == 0) {
                continue;
            }
            double x = PAD + b.lower() * plot;
            double w = (b.upper() - b.lower()) * plot;
            double h = b.accuracy() * plot;
            s.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7bd0\" stroke=\"#fff\">"
                            + "<title>conf %.2f, acc %.2f, n=%d</title></rect>%n",
                    x, SIZE - PAD - h, w, h, b.meanConfidence(), b.accuracy(), b.count()));
        }
        axes(s, "confidence", "accuracy");
        return s.append("</svg>\n").toString();
    }

    /** A bar chart of values in [0, 1] (e.g. F by task), labelled by key, in map order. */
    public static String bars(Map<String, Double> values, String title, String yLabel) {
        StringBuilder s = header(title);
        int plot = SIZE - 2 * PAD;
        int n = Math.max(1, values.size());
        double w = (double) plot / n;
        int i = 0;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double h = Math.max(0, Math.min(1, e.getValue())) * plot;
            double x = PAD + i * w;
            s.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7bd0\" stroke=\"#fff\"/>%n"
                            + "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">%s</text>%n"
                            + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\">%.1f</text>%n",
                    x, SIZE - PAD - h, w, h, x + w / 2, SIZE - PAD + 12, escape(e.getKey()), x + w / 2,
                    SIZE - PAD - h - 3, 100 * e.getValue()));
            i++;
        }
        axes(s, "", yLabel);
        return s.append("</svg>\n").toString();
    }

    private static StringBuilder header(String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>%n"
                        + "<text x=\"%d\" y=\"20\" font-size=\"12\" text-anchor=\"middle\">%s</text>%n",
                SIZE, SIZE, SIZE / 2, escape(title)));
    }

    private static void axes(StringBuilder s, String x, String y) {
        s.append(line(PAD, SIZE - PAD, SIZE - PAD, SIZE - PAD, "#000", null));
        s.append(line(PAD, SIZE - PAD, PAD, PAD, "#000", null));
        s.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>%n", SIZE / 2,
                SIZE - 8, escape(x)));
        s.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 12 %d)\">%s</text>%n", SIZE / 2, SIZE / 2, escape(y)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"end\">1</text>%n"
                + "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"end\">0</text>%n",
                PAD - 3, PAD + 3, PAD - 3, SIZE - PAD));
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String dash) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x1, y1, x2, y2, colour, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
