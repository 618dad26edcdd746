package io.privastream.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes standalone SVG line and grouped-bar charts for experiment reports, using only the JDK.
 *
 * <p>Every chart is a complete, well-formed XML document of 720 × 400 SVG user units (pixels at
 * 100 % zoom) with a title, axes with "nice" ticks (1, 2 or 5 × 10<sup>n</sup>), axis labels and
 * a legend on the right. Colours come from the 8-colour Okabe–Ito colour-blind-safe palette, in
 * list order, cycling when there are more entries. All text is XML-escaped; numbers are
 * formatted with {@link Locale#ROOT}, so output does not depend on the default locale.
 * Non-finite values (NaN, ±∞) are treated as missing. Stateless and thread-safe.
 */
public final class SvgChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;
    // Plot area in user units; the 160 units right of it hold the legend, the 70 below the labels.
    private static final double LEFT = 70;
    private static final double RIGHT = 560;
    private static final double TOP = 40;
    private static final double BOTTOM = 330;
    // Okabe & Ito (2008); yellow comes late because it is faint on white.
    private static final List<String> PALETTE = List.of(
            "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000");

    private SvgChart() {
    }

    /**
     * One line of a line chart: point {@code i} is {@code (xs[i], ys[i])}, drawn in array order;
     * a point with a non-finite coordinate is a gap that breaks the line. Arrays are copied in
     * and out, and equality compares their contents.
     *
     * @throws NullPointerException     if any component is null
     * @throws IllegalArgumentException if {@code xs} and {@code ys} differ in length
     */
    public record Series(String name, double[] xs, double[] ys) {
        /** Validates and copies the arrays. */
        public Series {
            Objects.requireNonNull(name, "name");
            if (xs.length != ys.length) {
                throw new IllegalArgumentException("series '" + name + "' has " + xs.length + " xs but " + ys.length + " ys");
            }
            xs = xs.clone();
            ys = ys.clone();
        }

        /** A copy of the x values. */
        @Override public double[] xs() { return xs.clone(); }

        /** A copy of the y values. */
        @Override public double[] ys() { return ys.clone(); }

        // Records compare array components by identity; a value needs their contents compared.
        @Override public boolean equals(Object o) {
            return o instanceof Series s && name.equals(s.name) && Arrays.equals(xs, s.xs) && Arrays.equals(ys, s.ys);
        }

        @Override public int hashCode() { return Objects.hash(name, Arrays.hashCode(xs), Arrays.hashCode(ys)); }
    }

    /**
     * One bar in every group of a grouped bar chart: {@code values[c]} belongs to category
     * {@code c}; a non-finite value is missing (no bar). The array is copied in and out, and
     * equality compares its contents.
     *
     * @throws NullPointerException if any component is null
     */
    public record Bar(String name, double[] values) {
        /** Validates and copies the array. */
        public Bar {
            Objects.requireNonNull(name, "name");
            values = values.clone();
        }

        /** A copy of the values. */
        @Override public double[] values() { return values.clone(); }

        @Override public boolean equals(Object o) {
            return o instanceof Bar b && name.equals(b.name) && Arrays.equals(values, b.values);
        }

        @Override public int hashCode() { return Objects.hash(name, Arrays.hashCode(values)); }
    }

    /**
     * A line chart: one or more polylines per series (one per run of finite points) and one
     * legend entry per series. The x axis spans the data; the y axis always includes 0, so it
     * starts at 0 unless the data is negative. Without any finite point, both axes span 0..1.
     *
     * @return a standalone SVG document
     * @throws NullPointerException if any argument or list element is null
     */
    public static String lines(String title, String xLabel, String yLabel, List<Series> series) {
        List<Series> all = List.copyOf(series);
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY, yMin = 0, yMax = 0;
        for (Series s : all) {
            for (int i = 0; i < s.xs.length; i++) {
                if (Double.isFinite(s.xs[i]) && Double.isFinite(s.ys[i])) {
                    xMin = Math.min(xMin, s.xs[i]);
                    xMax = Math.max(xMax, s.xs[i]);
                    yMin = Math.min(yMin, s.ys[i]);
                    yMax = Math.max(yMax, s.ys[i]);
                }
            }
        }
        Axis x = xMin <= xMax ? Axis.nice(xMin, xMax) : Axis.nice(0, 1);
        Axis y = Axis.nice(yMin, yMax);
        StringBuilder sb = header(title, y, yLabel);
        for (double t : x.ticks()) {
            double px = x.at(t, LEFT, RIGHT);
            el(sb, "line", "class", "tick", "x1", px, "y1", BOTTOM, "x2", px, "y2", BOTTOM + 5, "stroke", "#000");
            text(sb, x.label(t), "x-tick", px, BOTTOM + 18, "middle", "");
        }
        text(sb, xLabel, "axis-label", (LEFT + RIGHT) / 2, BOTTOM + 45, "middle", "");
        for (int k = 0; k < all.size(); k++) {
            Series s = all.get(k);
            List<String> run = new ArrayList<>();
            for (int i = 0; i <= s.xs.length; i++) {
                if (i < s.xs.length && Double.isFinite(s.xs[i]) && Double.isFinite(s.ys[i])) {
                    run.add(num(x.at(s.xs[i], LEFT, RIGHT)) + "," + num(y.at(s.ys[i], BOTTOM, TOP)));
                    continue;
                }
                // At a gap or the end, flush the run so that the line breaks instead of bridging it.
                if (run.size() == 1) {
                    run.add(run.getFirst()); // a lone point draws nothing; a zero-length round-capped segment is a dot
                }
                if (!run.isEmpty()) {
                    el(sb, "polyline", "class", "series", "fill", "none", "stroke", colour(k), "stroke-width", "2",
                            "stroke-linejoin", "round", "stroke-linecap", "round", "points", String.join(" ", run));
                }
                run.clear();
            }
            double ly = legend(sb, k, s.name);
            el(sb, "line", "class", "swatch", "x1", RIGHT + 15, "y1", ly, "x2", RIGHT + 35, "y2", ly, "stroke", colour(k), "stroke-width", "3");
        }
        return sb.append("</svg>\n").toString();
    }

    /**
     * A grouped bar chart: one group per category, labelled underneath (labels rotated by -30°
     * when there are more than 8 categories), and in every group one bar per {@link Bar}. The y
     * axis starts at 0; it extends below 0 only for negative values. An empty category or bar
     * list gives the axes only.
     *
     * @return a standalone SVG document
     * @throws NullPointerException     if any argument or list element is null
     * @throws IllegalArgumentException if a bar's value count differs from the category count
     */
    public static String bars(String title, List<String> categories, String yLabel, List<Bar> bars) {
        List<String> cats = List.copyOf(categories);
        List<Bar> all = List.copyOf(bars);
        double min = 0, max = 0;
        for (Bar b : all) {
            if (b.values.length != cats.size()) {
                throw new IllegalArgumentException("bar '" + b.name + "' has " + b.values.length + " values for " + cats.size() + " categories");
            }
            for (double v : b.values) {
                min = Double.isFinite(v) ? Math.min(min, v) : min;
                max = Double.isFinite(v) ? Math.max(max, v) : max;
            }
        }
        Axis y = Axis.nice(min, max);
        StringBuilder sb = header(title, y, yLabel);
        double group = (RIGHT - LEFT) / Math.max(1, cats.size());
        double barWidth = group * 0.8 / Math.max(1, all.size()); // 10 % of a group each side keeps groups apart
        double base = y.at(0, BOTTOM, TOP);
        for (int c = 0; c < cats.size(); c++) {
            for (int k = 0; k < all.size(); k++) {
                double v = all.get(k).values[c];
                if (Double.isFinite(v)) {
                    double py = y.at(v, BOTTOM, TOP);
                    el(sb, "rect", "class", "bar", "x", LEFT + (c + 0.1) * group + k * barWidth, "y", Math.min(py, base),
                            "width", barWidth, "height", Math.abs(base - py), "fill", colour(k));
                }
            }
            double cx = LEFT + (c + 0.5) * group;
            if (cats.size() > 8) { // rotated so that long labels of narrow groups do not overlap
                text(sb, cats.get(c), "category", cx, BOTTOM + 14, "end", "rotate(-30 " + num(cx) + " " + num(BOTTOM + 14) + ")");
            } else {
                text(sb, cats.get(c), "category", cx, BOTTOM + 18, "middle", "");
            }
        }
        for (int k = 0; k < all.size(); k++) {
            double ly = legend(sb, k, all.get(k).name);
            el(sb, "rect", "class", "swatch", "x", RIGHT + 15, "y", ly - 6, "width", "20", "height", "10", "fill", colour(k));
        }
        return sb.append("</svg>\n").toString();
    }

    /** A value axis from {@code lo} to {@code hi} (both multiples of {@code step}; lo < hi). */
    private record Axis(double lo, double hi, double step) {
        private static final double EPS = 1e-9;

        /** Nice bounds around min..max; an empty range is padded so that scaling never divides by 0. */
        static Axis nice(double min, double max) {
            if (max <= min) {
                double pad = min == 0 ? 1 : Math.abs(min) / 10;
                max = min + pad;
                min = min == 0 ? 0 : min - pad;
            }
            double raw = (max - min) / 5; // about five intervals
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / mag;
            double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
            // EPS absorbs rounding such as 0.30000000000000004 / 0.1, which would push a bound a step out.
            return new Axis(Math.floor(min / step + EPS) * step, Math.ceil(max / step - EPS) * step, step);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (long i = 0, n = Math.round((hi - lo) / step); i <= n; i++) {
                ticks.add(lo + i * step);
            }
            return ticks;
        }

        /** Maps {@code v} linearly from lo..hi onto from..to (user units). */
        double at(double v, double from, double to) {
            return from + (v - lo) / (hi - lo) * (to - from);
        }

        /** As many decimals as the step needs, and "0" rather than "-0" or "0.0000000001". */
        String label(double v) {
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + EPS));
            return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step * EPS ? 0.0 : v);
        }
    }

    /** The document start, title, y grid and tick labels, both axis lines and the y label. */
    private static StringBuilder header(String title, Axis y, String yLabel) {
        StringBuilder sb = new StringBuilder(4096).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
                + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.append("<title>").append(escape(title)).append("</title>\n");
        el(sb, "rect", "class", "background", "width", "100%", "height", "100%", "fill", "#fff");
        text(sb, title, "title", WIDTH / 2.0, 24, "middle", "");
        for (double t : y.ticks()) {
            double py = y.at(t, BOTTOM, TOP);
            el(sb, "line", "class", "grid", "x1", LEFT, "y1", py, "x2", RIGHT, "y2", py, "stroke", "#ddd");
            text(sb, y.label(t), "y-tick", LEFT - 6, py + 4, "end", "");
        }
        el(sb, "path", "class", "axis", "d", "M" + num(LEFT) + "," + num(TOP) + " V" + num(BOTTOM) + " H" + num(RIGHT),
                "fill", "none", "stroke", "#000");
        text(sb, yLabel, "axis-label", 18, (TOP + BOTTOM) / 2, "middle", "rotate(-90 18 " + num((TOP + BOTTOM) / 2) + ")");
        return sb;
    }

    /** Writes the label of legend entry {@code index} and returns the y its swatch centres on. */
    private static double legend(StringBuilder sb, int index, String name) {
        double ly = TOP + 10 + index * 18;
        text(sb, name, "legend", RIGHT + 41, ly + 4, "start", "");
        return ly;
    }

    /** Appends {@code <tag name="value" .../>}: doubles formatted by {@link #num}, the rest escaped, "" left out. */
    private static void el(StringBuilder sb, String tag, Object... attributes) {
        open(sb, tag, attributes).setLength(sb.length() - 1);
        sb.append("/>\n");
    }

    private static StringBuilder open(StringBuilder sb, String tag, Object... attributes) {
        sb.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            Object v = attributes[i + 1];
            if (!"".equals(v)) {
                sb.append(' ').append(attributes[i]).append("=\"").append(v instanceof Double d ? num(d) : escape(v.toString())).append('"');
            }
        }
        return sb.append('>');
    }

    private static void text(StringBuilder sb, String content, String cls, double x, double y, String anchor, String transform) {
        open(sb, "text", "class", cls, "x", x, "y", y, "text-anchor", anchor, "transform", transform);
        sb.append(escape(content)).append("</text>\n");
    }

    private static String colour(int index) {
        return PALETTE.get(index % PALETTE.size());
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Escapes markup and replaces the characters XML 1.0 forbids (§2.2 Char), which no escape can carry. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.appendCodePoint(cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                        || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000 ? cp : 0xFFFD);
            }
        });
        return out.toString();
    }
}
