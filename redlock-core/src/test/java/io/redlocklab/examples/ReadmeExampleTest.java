package io.redlocklab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README shows exactly the example that compiles here. */
class ReadmeExampleTest {

  @Test
  void readmeSnippetMatchesTheCompiledExample() throws IOException {
    String source =
        Files.readString(Path.of("src/test/java/io/redlocklab/examples/QuickStart.java"));
    String readme = Files.readString(Path.of("../README.md"));

    String example =
        between(source, "// README:begin\n", "    // README:end").stripIndent().strip();
    assertThat(normalize(readme)).contains(normalize(example));
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start) + start.length();
    return text.substring(from, text.indexOf(end, from));
  }

  private static String normalize(String text) {
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .reduce("", (a, b) -> a + "\n" + b);
  }
}
