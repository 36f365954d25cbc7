package org.streetsense.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the results as a PNG with Java2D: one band per measure, each scaled on its own (units
 * differ), with the figure as a bar (green when it meets its target, red when it misses, blue
 * when there is none), its baseline as a grey bar below, and the target bound as a dashed line.
 * Rows that were not measured are listed with their reason instead of a bar.
 */
public final class BarChart {

  private static final int WIDTH = 1100;
  private static final int BAND = 46;
  private static final int LABEL = 330;
  private static final int VALUE_LABEL = 250;
  private static final Color PASS = new Color(0x2e7d32);
  private static final Color MISS = new Color(0xc62828);
  private static final Color INFO = new Color(0x1565c0);
  private static final Color BASELINE = new Color(0x9e9e9e);

  private BarChart() {}

  /** Renders the rows to {@code file} (PNG). Headless: needs no display. */
  public static void write(Path file, List<Row> rows, String title) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int height = 60 + rows.size() * BAND + 20;
    BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
      g.drawString(title, 12, 26);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      g.drawString("bar: figure (green pass, red miss, blue no target)   grey: baseline   "
          + "dashed: target bound; each band has its own scale", 12, 44);
      int y = 60;
      for (Row row : rows) {
        drawBand(g, row, y);
        y += BAND;
      }
    } finally {
      g.dispose();
    }
    ImageIO.write(img, "png", file.toFile());
  }

  private static void drawBand(Graphics2D g, Row row, int y) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(Color.BLACK);
    g.drawString(clip(row.measure(), 44), 12, y + 16);
    g.setColor(Color.DARK_GRAY);
    g.drawString("(" + row.unit() + ")", 12, y + 32);
    int x0 = LABEL;
    int span = WIDTH - LABEL - VALUE_LABEL;
    if (Double.isNaN(row.value())) {
      g.setColor(MISS);
      g.drawString(clip(row.note(), 100), x0, y + 22);
      return;
    }
    double bound = targetBound(row.target());
    double max = Math.max(row.value(), Double.isNaN(row.baselineValue()) ? 0
        : row.baselineValue());
    if (!Double.isNaN(bound)) {
      max = Math.max(max, bound);
    }
    max = max <= 0 ? 1 : max * 1.05;
    String verdict = row.verdict();
    g.setColor(verdict.equals("pass") ? PASS : verdict.equals("miss") ? MISS : INFO);
    g.fillRect(x0, y + 4, (int) Math.round(span * row.value() / max), 16);
    if (!Double.isNaN(row.baselineValue())) {
      g.setColor(BASELINE);
      g.fillRect(x0, y + 23, (int) Math.round(span * row.baselineValue() / max), 12);
    }
    if (!Double.isNaN(bound)) {
      int bx = x0 + (int) Math.round(span * bound / max);
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {4f, 3f}, 0f));
      g.drawLine(bx, y + 1, bx, y + 38);
      g.setStroke(new BasicStroke(1f));
    }
    g.setColor(Color.BLACK);
    g.drawString(Numbers.format(row.value()) + "  [" + verdict + "]", WIDTH - VALUE_LABEL + 8,
        y + 17);
    if (!Double.isNaN(row.baselineValue())) {
      g.setColor(Color.DARK_GRAY);
      g.drawString(clip(row.baselineName(), 22) + " " + Numbers.format(row.baselineValue()),
          WIDTH - VALUE_LABEL + 8, y + 33);
    }
  }

  private static double targetBound(Target t) {
    if (!Double.isNaN(t.minValue())) {
      return t.minValue();
    }
    return t.maxValue();
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
