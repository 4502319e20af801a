package io.redlocklab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.scenario.ScenarioFuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bugs the fuzzers found, one example each: every one is now one line and exit code 2. */
class InputErrorsTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private String execute(String... args) {
    err.reset();
    RedlockLab lab =
        new RedlockLab(
            () -> {
              throw new AssertionError("the runner was asked for");
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    int code = lab.execute(args);
    String text = err.toString(StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    assertThat(code).as(text).isEqualTo(RedlockLab.BAD_INPUT);
    assertThat(lines).hasSize(1);
    assertThat(ScenarioFuzzTest.leakedExceptions(text, "")).isEmpty();
    return lines.get(0);
  }

  /** {@code list} on a directory holding only {@code file} with {@code bytes}. */
  private String list(String file, byte[] bytes) throws Exception {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.write(scenarios.resolve(file), bytes);
    String line = execute("list", scenarios.toString());
    assertThat(line).matches(ScenarioFuzzTest.ONE_LINE);
    return line.substring(line.indexOf(file));
  }

  private String list(String text) throws Exception {
    return list("s.yaml", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aByteThatIsNotUtf8NamesItsLine() throws Exception {
    byte[] text = "name: x\ndescription: a\nsource: \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(list("s.yaml", text))
        .isEqualTo("s.yaml:3: byte 0xFF is not UTF-8; expected a UTF-8 text file");
  }

  @Test
  void aControlCharacterNamesItsLine() throws Exception {
    assertThat(list("name: x\ndescription: a\u0007b\n"))
        .startsWith("s.yaml:2: character U+0007 is not allowed in YAML; expected printable");
  }

  @Test
  void yamlLimitsWithoutAPositionAreLineOne() throws Exception {
    assertThat(list("x: " + "[".repeat(60) + "]".repeat(60) + "\n"))
        .startsWith("s.yaml:1: not valid YAML (Nesting Depth exceeded max 50); expected");
    assertThat(list("a: &a [x]\nb: [" + "*a, ".repeat(30) + "*a]\n"))
        .startsWith("s.yaml:1: not valid YAML (Number of aliases");
    assertThat(list("d: " + "x".repeat((1 << 20) + 1) + "\n"))
        .startsWith("s.yaml:1: the file has 1048581 characters; expected");
  }

  @Test
  void aMultiLineValueIsQuotedOnOneLine() throws Exception {
    String scenario = RedlockLabTest.SCENARIO.replace("work_ms: 10", "work_ms: \"two\\nlines\"");
    assertThat(list(scenario))
        .isEqualTo(
            "s.yaml:5: 'work_ms' is the text 'two\\nlines'; expected a whole number in"
                + " 0..600000");
  }

  @Test
  void aSweepWithoutTheSweptSectionIsAnErrorNotAnInternalOne() throws Exception {
    String sweep =
        RedlockLabTest.SCENARIO.replaceFirst("workload: .*\n", "")
            + "sweep: {parameter: 'workload.ttl_ms', values: [1], boundary: 1, citation: c}\n";
    assertThat(list(sweep)).contains("unknown sweep parameter 'workload.ttl_ms'");
    String huge = sweep.replace("workload.ttl_ms", "faults[99999999999].at_ms");
    assertThat(list(huge)).contains("unknown sweep parameter 'faults[99999999999].at_ms'");
  }

  @Test
  void aDirectoryGivenAsTheScenarioFileIsBadInput() {
    assertThat(execute("run", dir.toString()))
        .isEqualTo(
            "redlock-lab: "
                + dir
                + ": cannot read (a directory); expected a scenario (*.yaml) or suite"
                + " (*.suite.yaml) file");
  }

  @Test
  void aPathTheFileSystemCannotNameIsBadInput() {
    assertThat(execute("run", "x.yaml", "--out", "a\u0000b"))
        .startsWith("redlock-lab: Invalid value for option '--out': 'a\\u0000b' is not a path");
  }

  @Test
  void aValueWithALineBreakStaysOnOneLine() {
    assertThat(execute("run", "x.yaml", "--seed", "1\n2"))
        .startsWith("redlock-lab: Invalid value for option '--seed': '1\\n2' is not a long");
  }

  @Test
  void aResultsDirectoryThatIsAFileIsBadInput() throws Exception {
    Path plain = Files.writeString(dir.resolve("plain"), "x");
    assertThat(execute("report", plain.toString()))
        .startsWith("redlock-lab: " + plain.resolve("results.json") + ": cannot read (")
        .endsWith("); expected the results.json of a run");
  }
}
