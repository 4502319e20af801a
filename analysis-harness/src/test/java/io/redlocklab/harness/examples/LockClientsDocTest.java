package io.redlocklab.harness.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.lockclient.HeldLease;
import io.redlocklab.harness.lockclient.LockClientTraits;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** docs/LOCK-CLIENTS.md shows exactly the example that compiles here, and the whole seam. */
class LockClientsDocTest {

  private static final Path DOC = Path.of("docs/LOCK-CLIENTS.md");

  @Test
  void theDocsSnippetMatchesTheCompiledExample() throws IOException {
    String source =
        Files.readString(Path.of("src/test/java/io/redlocklab/harness/examples/MyLockClient.java"));

    String example = between(source, "// LOCK-CLIENTS:begin\n", "// LOCK-CLIENTS:end").strip();
    assertThat(normalize(Files.readString(DOC))).contains(normalize(example));
  }

  @Test
  void theDocsNameEveryTraitAndEveryMethodOfAHeldLease() throws IOException {
    String doc = Files.readString(DOC);

    for (RecordComponent trait : LockClientTraits.class.getRecordComponents()) {
      assertThat(doc).contains("`" + trait.getName() + "`");
    }
    for (String method :
        Arrays.stream(HeldLease.class.getDeclaredMethods()).map(Method::getName).toList()) {
      assertThat(doc).contains("`" + method + "()`");
    }
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
