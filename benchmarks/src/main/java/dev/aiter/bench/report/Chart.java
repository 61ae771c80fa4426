package dev.aiter.bench.report;

import static dev.aiter.bench.report.Report.fmt;

import dev.aiter.bench.report.Report.Cell;
import dev.aiter.bench.report.Report.Contender;
import dev.aiter.bench.report.Report.Scenario;
import dev.aiter.bench.report.Report.Suite;
import java.util.Locale;

/**
 * A horizontal bar chart of million items per second, one group per scenario and one bar per
 * contender, on a log scale (the plain loop runs two orders of magnitude above the bridge), with
 * the error as a whisker and the value written at the end of each bar. Plain SVG, no library.
 */
final class Chart {

  private static final int WIDTH = 980;
  private static final int LEFT = 300;
  private static final int RIGHT = 80;
  private static final int BAR = 13;
  private static final int GAP = 3;
  private static final int GROUP_GAP = 14;
  private static final int HEADER = 18;

  private final Suite suite;
  private final StringBuilder svg = new StringBuilder();
  private double lo;
  private double hi;

  Chart(Suite suite) {
    this.suite = suite;
  }

  String svg() {
    double min = Double.MAX_VALUE;
    double max = 0;
    for (Scenario s : Scenario.ALL) {
      for (Contender c : Contender.ALL) {
        Cell cell = suite.get(s, c.key());
        if (cell.measured() && cell.mps() > 0) {
          min = Math.min(min, cell.mps());
          double err = Double.isNaN(cell.mpsError()) ? 0 : cell.mpsError();
          max = Math.max(max, cell.mps() + err);
        }
      }
    }
    if (max == 0) {
      min = 1;
      max = 10;
    }
    lo = Math.pow(10, Math.floor(Math.log10(min)));
    hi = Math.max(max * 1.1, lo * 10);

    int legendRows = (Contender.ALL.size() + 3) / 4;
    int top = 40 + legendRows * 18 + 24;
    int y = top;
    StringBuilder body = new StringBuilder();
    for (Scenario s : Scenario.ALL) {
      int rows = 0;
      for (Contender c : Contender.ALL) {
        if (shown(suite.get(s, c.key()))) {
          rows++;
        }
      }
      if (rows == 0) {
        continue;
      }
      body.append(text(8, y + 12, s.id() + " " + s.title(), "font-weight:bold"));
      y += HEADER;
      for (Contender c : Contender.ALL) {
        Cell cell = suite.get(s, c.key());
        if (!shown(cell)) {
          continue;
        }
        body.append(text(LEFT - 8, y + BAR - 2, c.label(), "text-anchor:end"));
        if (cell.measured()) {
          double x1 = x(cell.mps());
          body.append(String.format(Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
              LEFT, y, Math.max(1, x1 - LEFT), BAR, c.color()));
          double err = cell.mpsError();
          double labelX = x1;
          if (!Double.isNaN(err) && err > 0) {
            double a = x(Math.max(lo, cell.mps() - err));
            double b = x(Math.min(hi, cell.mps() + err));
            labelX = Math.max(labelX, b);
            int mid = y + BAR / 2;
            body.append(String.format(Locale.ROOT,
                "<path d=\"M%.1f %dH%.1fM%.1f %dV%dM%.1f %dV%d\" stroke=\"#222\""
                    + " stroke-width=\"1\"/>%n",
                a, mid, b, a, mid - 3, mid + 3, b, mid - 3, mid + 3));
          }
          body.append(text((int) labelX + 5, y + BAR - 2, fmt(cell.mps()), "fill:#222"));
        } else {
          body.append(text(LEFT + 4, y + BAR - 2, cell.status, "font-style:italic;fill:#666"));
        }
        y += BAR + GAP;
      }
      y += GROUP_GAP;
    }
    int height = y + 30;

    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, height, WIDTH, height));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(8, 20, "Throughput, million items per second (log scale; whisker ="
        + " 99.9 % confidence interval)", "font-size:14px;font-weight:bold"));
    int lx = 8;
    int ly = 40;
    int i = 0;
    for (Contender c : Contender.ALL) {
      int cx = lx + (i % 4) * 240;
      int cy = ly + (i / 4) * 18;
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", cx, cy, c.color()));
      svg.append(text(cx + 16, cy + 10, c.label(), ""));
      i++;
    }
    // decade grid lines with labels above and below the bars
    for (double d = lo; d <= hi * 1.0001; d *= 10) {
      double gx = x(d);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\"/>%n",
          gx, top - 6, gx, y));
      String tick = d >= 1 ? String.format(Locale.ROOT, "%.0f", d) : fmt(d);
      svg.append(text((int) gx, top - 10, tick, "text-anchor:middle;fill:#555"));
      svg.append(text((int) gx, y + 14, tick, "text-anchor:middle;fill:#555"));
    }
    svg.append(body);
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** Measured bars, and the rows that say why a contender has none (stalls, fails). */
  private static boolean shown(Cell cell) {
    return !"absent".equals(cell.status) && !"not measured".equals(cell.status);
  }

  private double x(double mps) {
    double f = (Math.log10(mps) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
    return LEFT + Math.max(0, Math.min(1, f)) * (WIDTH - LEFT - RIGHT);
  }

  private static String text(int x, int y, String s, String style) {
    String escaped = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\"%s>%s</text>%n", x, y,
        style.isEmpty() ? "" : " style=\"" + style + "\"", escaped);
  }
}
