package io.redlocklab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.runner.ScenarioRunner;
import io.redlocklab.harness.scenario.ScenarioFuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random flags and their combinations for every command, through the real CLI entry: bad input is
 * exactly one line and exit code 2 before anything starts (the runner is never asked for, no child
 * process); accepted input gets as far as asking for the runner (which stops the run here), or
 * exits 0 or 1 for list, report and merge. Never a stack trace. Prints the count per command.
 */
class CliFuzzTest {

  /** Thrown by the runner supplier: the command got as far as starting a cell or a soak. */
  static final class Started extends Error {
    Started() {
      super("the runner was asked for", null, false, false);
    }
  }

  static Path dir;
  static Path plainFile;
  static final Map<String, AtomicInteger[]> TALLY = new TreeMap<>();

  static final List<String> COMMANDS =
      List.of("run", "list", "merge", "soak", "report", "bogus", "--version", "");
  static final List<String> FLAGS =
      List.of(
          "--seed",
          "--trials",
          "--shard",
          "--out",
          "--backend",
          "--report",
          "--junit",
          "--minutes",
          "--modes",
          "--segment-seconds",
          "--sample-seconds",
          "--help",
          "--bogus",
          "-x",
          "--",
          "-",
          "--seed=",
          "--out=",
          "--trials=");
  static final List<String> NUMBERS =
      List.of(
          "0",
          "-1",
          "1",
          "2",
          "3",
          "1e3",
          "0x10",
          "99999999999999999999",
          "2147483648",
          "10001",
          "-9223372036854775809",
          "9223372036854775807",
          "NaN",
          "Infinity",
          "-0",
          "1.5",
          "",
          " ",
          "abc",
          "１２",
          "1\n2",
          "0.0001",
          "1441",
          "4",
          "600",
          "601");
  static final List<String> SHARDS =
      List.of(
          "1/1",
          "1/2",
          "2/2",
          "0/1",
          "2/1",
          "1/0",
          "a/b",
          "1/2/3",
          "-1/2",
          "1/9999999",
          "１/２",
          " 1/2 ",
          "1 / 2",
          "/",
          "1/",
          "/2",
          "999999/999999");
  static final List<String> WORDS =
      List.of(
          "local",
          "testcontainers",
          "docker",
          "redlock-5",
          "redlock-5,redlock-5-fenced-quorum",
          "nope",
          ",",
          "redlock-5,",
          "\u0000",
          "é😀",
          "--out",
          "--seed");

  @BeforeContainer
  static void fixtures() throws IOException {
    dir = Files.createTempDirectory("cli-fuzz");
    plainFile = Files.writeString(dir.resolve("plain"), "a regular file");
    Path scenario = Files.writeString(dir.resolve("pause.yaml"), RedlockLabTest.SCENARIO);
    // results of a whole run and of its two shards, for report and merge
    for (String[] shard :
        List.of(new String[] {"whole"}, new String[] {"s1", "1/2"}, new String[] {"s2", "2/2"})) {
      List<String> args =
          new ArrayList<>(List.of("run", scenario.toString(), "--out", path(shard[0])));
      if (shard.length > 1) {
        args.addAll(List.of("--shard", shard[1]));
      }
      RedlockLabTest.FakeRunner runner = new RedlockLabTest.FakeRunner(Set.of("redlock-5"));
      int code =
          lab(() -> runner, new ByteArrayOutputStream()).execute(args.toArray(String[]::new));
      assertThat(code).isZero();
    }
    Files.createDirectories(dir.resolve("garbage"));
    Files.writeString(dir.resolve("garbage/results.json"), "{\"metadata\": [");
    Files.createDirectories(dir.resolve("empty"));
    Files.writeString(dir.resolve("empty/results.json"), "");
    Files.createDirectories(dir.resolve("null"));
    Files.writeString(dir.resolve("null/results.json"), "null");
    Files.createDirectories(dir.resolve("list"));
    Files.writeString(dir.resolve("list/results.json"), "[1, 2]");
  }

  @AfterContainer
  static void cleanUpAndPrint() throws IOException {
    ScenarioFuzzTest.deleteTree(dir);
    int total = 0;
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, AtomicInteger[]> entry : TALLY.entrySet()) {
      int accepted = entry.getValue()[0].get();
      int rejected = entry.getValue()[1].get();
      total += accepted + rejected;
      text.append(
          String.format(
              "  %-10s %4d accepted, %4d rejected with one line (exit 2)%n",
              entry.getKey().isEmpty() ? "(none)" : entry.getKey(), accepted, rejected));
    }
    System.out.printf("flag fuzz: %d command lines%n%s", total, text);
  }

  static String path(String name) {
    return dir.resolve(name).toString();
  }

  /** Paths that exist, do not, are regular files, or lie under a regular file. */
  static Arbitrary<String> paths() {
    return Arbitraries.of(
            "whole",
            "s1",
            "s2",
            "garbage",
            "empty",
            "null",
            "list",
            "missing",
            "plain",
            "plain/out",
            "plain/REPORT.md",
            "pause.yaml",
            "missing.yaml",
            "out-a",
            "out-b/REPORT.md",
            "whole/REPORT.md",
            "whole/report",
            "\u0000x",
            "s1/results.json")
        .map(p -> p.startsWith("\u0000") ? p : path(p));
  }

  static Arbitrary<String> value() {
    return Arbitraries.oneOf(
        Arbitraries.of(NUMBERS), Arbitraries.of(SHARDS), Arbitraries.of(WORDS), paths());
  }

  /** One argument group: a flag with or without a value, a flag=value, or a bare value. */
  static Arbitrary<List<String>> group() {
    Arbitrary<String> flag = Arbitraries.of(FLAGS);
    return Arbitraries.oneOf(
        flag.map(List::of),
        Combinators.combine(flag, value()).as(List::of),
        Combinators.combine(flag, value())
            .as((f, v) -> List.of(f.endsWith("=") ? f + v : f + "=" + v)),
        value().map(List::of));
  }

  @Provide
  Arbitrary<List<String>> commandLines() {
    return Combinators.combine(Arbitraries.of(COMMANDS), group().list().ofMaxSize(6))
        .as(
            (command, groups) -> {
              List<String> args = new ArrayList<>();
              if (!command.isEmpty()) {
                args.add(command);
              }
              groups.forEach(args::addAll);
              return args;
            });
  }

  @Property(tries = 1200, seed = "16", shrinking = ShrinkingMode.OFF)
  void badFlagsAreOneLineAndExitTwoBeforeAnythingStarts(@ForAll("commandLines") List<String> args) {
    AtomicBoolean asked = new AtomicBoolean();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RedlockLab lab =
        new RedlockLab(
            () -> {
              asked.set(true);
              throw new Started();
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    int code;
    try {
      code = lab.execute(args.toArray(String[]::new));
    } catch (Started e) {
      code = -1;
    }
    String why = String.join(" ", args);
    String output = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    String command = args.isEmpty() ? "" : args.get(0);
    String key = COMMANDS.contains(command) ? command : "(other)";
    TALLY.computeIfAbsent(key, k -> new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()});
    assertThat(output).as(why).doesNotContain("\tat ", "internal error");
    assertThat(ScenarioFuzzTest.leakedExceptions(output, why)).as(why).isEmpty();
    assertThat(ProcessHandle.current().descendants().count()).as(why).isZero();
    if (code == RedlockLab.BAD_INPUT) {
      List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
      assertThat(lines).as(why).hasSize(1);
      assertThat(lines.get(0)).as(why).startsWith("redlock-lab: ");
      assertThat(asked).as(why + ": runner asked for on bad input").isFalse();
      TALLY.get(key)[1].incrementAndGet();
    } else {
      assertThat(code).as(why + ": " + output).isIn(-1, RedlockLab.OK, RedlockLab.DIFFERS);
      if (code == RedlockLab.DIFFERS) {
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
            .as(why)
            .allMatch(line -> line.startsWith("differs: "));
      }
      TALLY.get(key)[0].incrementAndGet();
    }
  }

  private static RedlockLab lab(
      java.util.function.Supplier<ScenarioRunner> runners, ByteArrayOutputStream sink) {
    PrintStream print = new PrintStream(sink, true, StandardCharsets.UTF_8);
    return new RedlockLab(runners, print, print, false);
  }
}
