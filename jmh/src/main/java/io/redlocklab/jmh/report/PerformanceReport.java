package io.redlocklab.jmh.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns JMH's JSON result (and the contention benchmark's fairness lines) into the Markdown
 * "Performance" section: settings, the three target ratios, and every measurement with JMH's error.
 * Reading is {@link JmhResults}, the arithmetic {@link PerformanceFigures}, the text {@link
 * PerformanceMarkdown}.
 *
 * <pre>
 * java -cp benchmarks.jar io.redlocklab.jmh.report.PerformanceReport \
 *     --json jmh-result.json --out performance.md [--fairness fairness.jsonl] \
 *     [--command "..."] [--load-before "..."] [--load-after "..."] [--servers "..."]
 * </pre>
 */
public final class PerformanceReport {

  private PerformanceReport() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = parse(args);
    Path json = Path.of(require(options, "json"));
    Path out = Path.of(require(options, "out"));
    JmhResults results =
        JmhResults.read(
            json, options.containsKey("fairness") ? Path.of(options.get("fairness")) : null);
    String markdown = new PerformanceMarkdown(results, options).render();
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, markdown, StandardCharsets.UTF_8);
    System.out.println("performance report: " + out + " (" + results.results.size() + " results)");
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: --json FILE --out FILE [--fairness FILE] [--command S] "
                + "[--load-before S] [--load-after S] [--servers S]; bad argument: "
                + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static String require(Map<String, String> options, String key) {
    String value = options.get(key);
    if (value == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return value;
  }
}
