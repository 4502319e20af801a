package io.redlocklab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void aWriteCutShortLeavesTheOldFileAndNoTempFile() throws IOException {
    Path report = dir.resolve("REPORT.md");
    AtomicFiles.writeString(report, "old, whole\n");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    report,
                    out -> {
                      out.write("new, half".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("interrupted");
                    }))
        .hasMessage("interrupted");

    assertThat(report).hasContent("old, whole");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(report);
    }
  }

  @Test
  void aWholeWriteReplacesTheFile() throws IOException {
    Path report = dir.resolve("REPORT.md");
    AtomicFiles.writeString(report, "old\n");
    AtomicFiles.writeString(report, "new\n");
    assertThat(report).hasContent("new");
  }
}
