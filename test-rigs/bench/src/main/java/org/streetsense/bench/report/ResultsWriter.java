package org.streetsense.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the rows as a console table, {@code latest.md} and {@code latest.csv}. Columns: measure,
 * value, unit, baseline, baseline value, ratio, target, result, note.
 */
public final class ResultsWriter {

  private static final String[] HEADER = {"measure", "value", "unit", "baseline",
      "baseline value", "ratio", "target", "result", "note"};

  private ResultsWriter() {}

  /** A fixed-width table for the terminal. */
  public static String table(List<Row> rows) {
    String[][] cells = cells(rows);
    int[] width = new int[HEADER.length];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        width[i] = Math.max(width[i], Math.min(line[i].length(), i == 8 ? 60 : 40));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < cells.length; r++) {
      for (int i = 0; i < HEADER.length; i++) {
        String c = cells[r][i];
        if (c.length() > width[i]) {
          c = c.substring(0, width[i] - 1) + "…";
        }
        sb.append(String.format(Locale.ROOT, "%-" + width[i] + "s", c)).append("  ");
      }
      sb.setLength(sb.length() - 2);
      sb.append('\n');
      if (r == 0) {
        for (int i = 0; i < HEADER.length; i++) {
          sb.append("-".repeat(width[i])).append("  ");
        }
        sb.setLength(sb.length() - 2);
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** A Markdown document with the table and a preamble describing the run. */
  public static void writeMarkdown(Path file, List<Row> rows, String preamble) throws IOException {
    StringBuilder sb = new StringBuilder("# Streetsense benchmark results\n\n").append(preamble)
        .append("\n\n");
    String[][] cells = cells(rows);
    for (int r = 0; r < cells.length; r++) {
      sb.append('|');
      for (String c : cells[r]) {
        sb.append(' ').append(c.replace("|", "\\|")).append(" |");
      }
      sb.append('\n');
      if (r == 0) {
        sb.append("|---".repeat(HEADER.length)).append("|\n");
      }
    }
    sb.append("\n![chart](latest.png)\n");
    Files.writeString(file, sb.toString());
  }

  /** RFC 4180 CSV with raw numbers (empty when not measured). */
  public static void writeCsv(Path file, List<Row> rows) throws IOException {
    StringBuilder sb = new StringBuilder(
        "measure,value,unit,baseline,baseline_value,ratio,target,result,note\n");
    for (Row row : rows) {
      sb.append(quote(row.measure())).append(',')
          .append(Numbers.csv(row.value())).append(',')
          .append(quote(row.unit())).append(',')
          .append(quote(row.baselineName())).append(',')
          .append(Numbers.csv(row.baselineValue())).append(',')
          .append(Numbers.csv(row.ratio())).append(',')
          .append(quote(row.target().text())).append(',')
          .append(quote(row.verdict())).append(',')
          .append(quote(row.note())).append('\n');
    }
    Files.writeString(file, sb.toString());
  }

  private static String[][] cells(List<Row> rows) {
    String[][] cells = new String[rows.size() + 1][];
    cells[0] = HEADER;
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      cells[r + 1] = new String[] {row.measure(), Numbers.format(row.value()), row.unit(),
          row.baselineName(), Numbers.format(row.baselineValue()), ratio(row.ratio()),
          row.target().text(), row.verdict(), row.note()};
    }
    return cells;
  }

  private static String ratio(double r) {
    return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.2fx", r);
  }

  private static String quote(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
