package io.redlocklab.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The safety matrix as plain text for the terminal: one line per scenario, one column per mode. */
public final class TextMatrix {

  private TextMatrix() {}

  public static String render(Matrix matrix) {
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
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
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
