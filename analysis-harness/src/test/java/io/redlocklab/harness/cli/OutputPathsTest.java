package io.redlocklab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output path of run, soak, merge and report is checked before anything starts: one line,
 * exit 2, the runner never asked for, no child process. "Under a regular file" fails even as root.
 */
class OutputPathsTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicBoolean asked = new AtomicBoolean();
  private Path scenario;
  private Path plain;

  @BeforeEach
  void setUp() throws Exception {
    scenario = Files.writeString(dir.resolve("pause.yaml"), RedlockLabTest.SCENARIO);
    plain = Files.writeString(dir.resolve("plain"), "a regular file");
  }

  private int execute(String... args) {
    RedlockLab lab =
        new RedlockLab(
            () -> {
              asked.set(true);
              return new RedlockLabTest.FakeRunner(Set.of("redlock-5"));
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    return lab.execute(args);
  }

  /** Exit 2, one line naming the flag and the path, and nothing asked for or started. */
  private void assertRefused(int code, String flag, Path path, String expected) {
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(code).as(lines.toString()).isEqualTo(RedlockLab.BAD_INPUT);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .startsWith("redlock-lab: " + flag + " " + path + ": cannot write (")
        .endsWith("; expected " + expected);
    assertThat(asked).as("runner asked for").isFalse();
    assertThat(ProcessHandle.current().descendants().count()).isZero();
  }

  @Test
  void runRefusesAnOutDirectoryUnderARegularFile() {
    Path out = plain.resolve("out");
    assertRefused(
        execute("run", scenario.toString(), "--out", out.toString()),
        "--out",
        out,
        "a writable directory");
  }

  @Test
  void runRefusesAnOutThatIsARegularFile() {
    assertRefused(
        execute("run", scenario.toString(), "--out", plain.toString()),
        "--out",
        plain,
        "a writable directory");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(plain + " is not a directory");
  }

  @Test
  void runRefusesAReportOrJunitFileItCannotWrite() {
    Path report = plain.resolve("REPORT.md");
    assertRefused(
        execute(
            "run",
            scenario.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--report",
            report.toString()),
        "--report",
        report.toAbsolutePath().getParent(),
        "a writable directory");
    err.reset();
    Path junit = plain.resolve("junit.xml");
    assertRefused(
        execute(
            "run",
            scenario.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--junit",
            junit.toString()),
        "--junit",
        junit.toAbsolutePath().getParent(),
        "a writable directory");
  }

  @Test
  void runRefusesAReportPathThatIsADirectory() {
    assertRefused(
        execute(
            "run",
            scenario.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--report",
            dir.toString()),
        "--report",
        dir,
        "a writable file path");
  }

  @Test
  void runRefusesAnOutWhoseHistoriesOrReportDirectoryIsAFile() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("report"), "in the way");
    assertRefused(
        execute("run", scenario.toString(), "--out", out.toString()),
        "--out",
        out.resolve("report"),
        "a writable directory");
  }

  @Test
  void soakRefusesAnOutDirectoryUnderARegularFile() {
    Path out = plain.resolve("soak");
    assertRefused(
        execute("soak", "--minutes", "1", "--out", out.toString()),
        "--out",
        out,
        "a writable directory");
  }

  @Test
  void mergeAndReportRefuseTheirOutputsBeforeWritingAny() {
    Path shards = dir.resolve("shards");
    for (String i : List.of("1", "2")) {
      assertThat(
              new RedlockLab(
                      () -> new RedlockLabTest.FakeRunner(Set.of("redlock-5")),
                      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                      false)
                  .execute(
                      "run",
                      scenario.toString(),
                      "--shard",
                      i + "/2",
                      "--out",
                      shards.resolve(i).toString()))
          .isZero();
    }
    Path merged = plain.resolve("merged");
    assertRefused(
        execute(
            "merge",
            shards.resolve("1").toString(),
            shards.resolve("2").toString(),
            "--out",
            merged.toString()),
        "--out",
        merged,
        "a writable directory");
    err.reset();
    Path report = plain.resolve("REPORT.md");
    assertRefused(
        execute("report", shards.resolve("1").toString(), "--report", report.toString()),
        "--report",
        report.toAbsolutePath().getParent(),
        "a writable directory");
    assertThat(shards.resolve("1/REPORT.md")).exists();
  }
}
