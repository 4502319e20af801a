package io.redlocklab.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The safety matrix as plain text for the terminal: a line of column groups, then one line per
 * scenario, one column per mode.
 */
public final class TextMatrix {

  private TextMatrix() {}

  public static String render(Matrix matrix) {
    return table(matrix) + totals(matrix);
  }

  private static String table(Matrix matrix) {
    List<String> modes = matrix.modes();
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("scenario"));
    header.addAll(modes);
    rows.add(header);
    for (ScenarioSummary scenario : matrix.scenarios()) {
      List<String> row = new ArrayList<>(List.of(scenario.name()));
      for (String mode : modes) {
        Optional<Matrix.Cell> cell = matrix.cell(scenario.name(), mode);
        row.add(cell.map(Format::verdict).orElse("·"));
      }
      rows.add(row);
    }
    int[] widths = new int[header.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder(groupLine(matrix.groups(), widths));
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  /**
   * Each group's title above its first column; a title wider than its columns widens the group's
   * last column, so the next group still starts above its own first column.
   */
  private static String groupLine(List<Matrix.ColumnGroup> groups, int[] widths) {
    StringBuilder line = new StringBuilder(" ".repeat(widths[0] + 2));
    int column = 1;
    for (Matrix.ColumnGroup group : groups) {
      int last = column + group.modes().size() - 1;
      int span = 0;
      for (int i = column; i <= last; i++) {
        span += widths[i] + 2;
      }
      int needed = group.title().length() + 2;
      if (needed > span) {
        widths[last] += needed - span;
        span = needed;
      }
      line.append(String.format("%-" + span + "s", group.title()));
      column = last + 1;
    }
    return line.toString().stripTrailing() + "\n";
  }

  private static String totals(Matrix matrix) {
    StringBuilder text = new StringBuilder();
    long differ = matrix.mismatches().size();
    text.append(matrix.cells().size())
        .append(" cells, ")
        .append(matrix.cells().size() - differ)
        .append(" as predicted, ")
        .append(differ)
        .append(" differ\n");
    return text.toString();
  }
}
