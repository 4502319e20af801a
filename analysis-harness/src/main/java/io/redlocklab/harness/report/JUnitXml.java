package io.redlocklab.harness.report;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.runner.CellResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The matrix as JUnit XML so CI shows it: one {@code testsuite} per scenario, one {@code testcase}
 * per mode, a {@code failure} when the measured outcome differs from the prediction and an {@code
 * error} when the cell could not run.
 */
public final class JUnitXml {

  private JUnitXml() {}

  public static void write(Path file, Matrix matrix) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      AtomicFiles.writeString(file, render(matrix));
    } catch (IOException e) {
      throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public static String render(Matrix matrix) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    List<Matrix.Cell> all = matrix.cells();
    xml.append("<testsuites name=\"redlock-lab\"").append(counts(all)).append(">\n");
    for (ScenarioSummary scenario : matrix.scenarios()) {
      List<Matrix.Cell> cells = matrix.cells(scenario.name());
      xml.append("  <testsuite name=\"")
          .append(Xml.escape(scenario.name()))
          .append('"')
          .append(counts(cells))
          .append(">\n");
      xml.append("    <properties><property name=\"seed\" value=\"")
          .append(scenario.seed())
          .append("\"/></properties>\n");
      for (Matrix.Cell cell : cells) {
        CellResult r = cell.result();
        xml.append("    <testcase classname=\"redlock-lab.")
            .append(Xml.escape(scenario.name()))
            .append("\" name=\"")
            .append(Xml.escape(cell.mode()))
            .append("\" time=\"")
            .append(seconds(wall(cell)))
            .append('"');
        String details = details(cell);
        if (r.notApplicable() != null && cell.matches()) {
          xml.append(">\n      <skipped message=\"")
              .append(Xml.escape("not applicable: " + r.notApplicable()))
              .append("\"/>\n    </testcase>\n");
        } else if (r.error() != null) {
          xml.append(">\n      <error message=\"")
              .append(Xml.escape(cell.describe()))
              .append("\" type=\"error\">")
              .append(Xml.escape(details))
              .append("</error>\n")
              .append("    </testcase>\n");
        } else if (!cell.matches()) {
          xml.append(">\n      <failure message=\"")
              .append(Xml.escape(cell.describe()))
              .append("\" type=\"differs-from-prediction\">")
              .append(Xml.escape(details))
              .append("</failure>\n    </testcase>\n");
        } else {
          xml.append(">\n      <system-out>")
              .append(Xml.escape(details))
              .append("</system-out>\n    </testcase>\n");
        }
      }
      xml.append("  </testsuite>\n");
    }
    return xml.append("</testsuites>\n").toString();
  }

  private static String counts(List<Matrix.Cell> cells) {
    long errors = cells.stream().filter(c -> c.result().error() != null).count();
    long failures = cells.stream().filter(c -> !c.matches() && c.result().error() == null).count();
    long skipped =
        cells.stream().filter(c -> c.matches() && c.result().notApplicable() != null).count();
    long millis = cells.stream().mapToLong(JUnitXml::wall).sum();
    return " tests=\""
        + cells.size()
        + "\" failures=\""
        + failures
        + "\" errors=\""
        + errors
        + "\" skipped=\""
        + skipped
        + "\" time=\""
        + seconds(millis)
        + "\"";
  }

  /** Every trial's wall time. */
  private static long wall(Matrix.Cell cell) {
    return cell.trials().stream().mapToLong(CellResult::wallMillis).sum();
  }

  private static String details(Matrix.Cell cell) {
    StringBuilder text = new StringBuilder(Format.numbers(cell.result()));
    String trials = Format.trials(cell);
    if (!trials.isEmpty()) {
      text.append("\n")
          .append(trials)
          .append(" (trial ")
          .append(cell.result().trial())
          .append(" shown)");
    }
    if (cell.result().notApplicable() == null && cell.tally().violations().trials() > 0) {
      text.append("\nrates: ").append(Format.rates(cell));
    }
    if (cell.result().measurement() != null) {
      cell.result().measurement().reasons().forEach(r -> text.append("\nmeasured: ").append(r));
    }
    if (cell.prediction() != null) {
      text.append("\npredicted ")
          .append(cell.prediction().outcome())
          .append(": ")
          .append(cell.prediction().reason())
          .append(" [")
          .append(cell.prediction().citation())
          .append("]");
    }
    return text.toString();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }
}
