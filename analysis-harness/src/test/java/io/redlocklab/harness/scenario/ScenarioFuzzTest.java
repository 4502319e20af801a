package io.redlocklab.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.cli.RedlockLab;
import io.redlocklab.harness.runner.ScenarioRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Mutates every scenario and suite file of {@code scenarios/} and runs {@code list} on each mutant
 * through the real CLI: it either loads (and {@code list} validates it) or fails with exactly one
 * line {@code file:line: what; expected ...} and exit code 2, never a stack trace, and nothing is
 * started. Prints the number of mutants and, per rule, how many loaded and how many were rejected.
 */
public class ScenarioFuzzTest {

  static final Path DIR = Path.of("..", "scenarios");

  /** One line on stderr, the CLI's prefix, then {@code file:line: what; expected ...}. */
  public static final Pattern ONE_LINE =
      Pattern.compile(
          "redlock-lab: [^\\r\\n]+\\.yaml:[1-9][0-9]*: [^\\r\\n]+; expected [^\\r\\n]+");

  /** A Java exception's name in the output that the input did not contain: a leaked exception. */
  static final Pattern EXCEPTION_NAME = Pattern.compile("\\w*(Exception|Error)\\b");

  enum Rule {
    DELETE_KEY,
    DUPLICATE_KEY,
    RETYPE_KEY,
    HUGE_NUMBER,
    NEGATIVE_TIME,
    OVERLAPPING_FAULTS,
    BROKEN_SYNTAX,
    UNICODE,
    LARGE_FILE,
    ANCHORS_ALIASES
  }

  private static final Map<Rule, AtomicInteger[]> TALLY = new EnumMap<>(Rule.class);
  private static final Map<Rule, String> EXAMPLE = new ConcurrentHashMap<>();
  private static final Map<Rule, AtomicLong> NANOS = new EnumMap<>(Rule.class);
  private static final Set<Path> MUTATED = ConcurrentHashMap.newKeySet();

  static {
    for (Rule rule : Rule.values()) {
      TALLY.put(rule, new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()});
      NANOS.put(rule, new AtomicLong());
    }
  }

  static List<Path> files() {
    return ScenarioLoader.list(DIR).stream()
        .filter(
            f ->
                f.getFileName().toString().matches("[0-9]{2}-.*\\.yaml")
                    || ScenarioLoader.isSuiteFile(f))
        .toList();
  }

  @Provide
  Arbitrary<Path> scenarioFiles() {
    return Arbitraries.of(files());
  }

  @Property(tries = 1200, seed = "16", shrinking = ShrinkingMode.OFF)
  void everyMutantLoadsValidOrFailsWithOneLine(
      @ForAll("scenarioFiles") Path original, @ForAll Rule rule, @ForAll long seed)
      throws IOException {
    String text = Files.readString(original);
    byte[] mutant = Mutator.mutate(text, rule, new Random(seed));
    MUTATED.add(original);
    Path dir = Files.createTempDirectory("fuzz");
    try {
      Path file = dir.resolve(original.getFileName());
      Files.write(file, mutant);
      if (ScenarioLoader.isSuiteFile(original)) {
        linkScenarioFiles(dir);
      }
      long start = System.nanoTime();
      Outcome outcome = list(dir);
      NANOS.get(rule).addAndGet(System.nanoTime() - start);
      check(outcome, mutant, original, rule, seed);
    } finally {
      deleteTree(dir);
    }
  }

  /** The property's judgement of one mutant; counts it under its rule. */
  static void check(Outcome outcome, byte[] mutant, Path original, Rule rule, long seed) {
    String input = new String(mutant, StandardCharsets.UTF_8);
    String why = rule + " of " + original.getFileName() + " (seed " + seed + ")";
    assertThat(leakedExceptions(outcome.out + outcome.err, input)).as(why).isEmpty();
    assertThat(outcome.err).as(why).doesNotContain("\tat ", "internal error");
    assertThat(ProcessHandle.current().descendants().count()).as(why).isZero();
    if (outcome.code == RedlockLab.OK) {
      assertThat(outcome.err).as(why).isEmpty();
      assertThat(outcome.out).as(why).contains(original.getFileName().toString());
      TALLY.get(rule)[0].incrementAndGet();
    } else {
      assertThat(outcome.code).as(why + ": " + outcome.err).isEqualTo(RedlockLab.BAD_INPUT);
      List<String> lines = outcome.err.lines().toList();
      assertThat(lines).as(why).hasSize(1);
      assertThat(lines.get(0)).as(why).matches(ONE_LINE);
      TALLY.get(rule)[1].incrementAndGet();
      EXAMPLE.putIfAbsent(rule, lines.get(0).replaceAll("\\S*/fuzz[0-9]+/", ""));
    }
  }

  @AfterContainer
  static void printTally() {
    int loaded = 0;
    int rejected = 0;
    StringBuilder text = new StringBuilder();
    for (Map.Entry<Rule, AtomicInteger[]> entry : TALLY.entrySet()) {
      int l = entry.getValue()[0].get();
      int r = entry.getValue()[1].get();
      loaded += l;
      rejected += r;
      text.append(
          String.format(
              "  %-20s %5d mutants: %5d loaded valid, %5d rejected with one line (list: %d ms)%n",
              entry.getKey(), l + r, l, r, NANOS.get(entry.getKey()).get() / 1_000_000));
      text.append("      e.g. ").append(EXAMPLE.getOrDefault(entry.getKey(), "-")).append('\n');
    }
    System.out.printf(
        "scenario fuzz: %d mutants of %d of the %d files, %d loaded valid, %d rejected with one"
            + " line%n%s",
        loaded + rejected, MUTATED.size(), files().size(), loaded, rejected, text);
  }

  /** The siblings a suite names, unmutated, beside the mutant suite. */
  private static void linkScenarioFiles(Path dir) throws IOException {
    for (Path scenario : files()) {
      if (!ScenarioLoader.isSuiteFile(scenario)) {
        Files.createSymbolicLink(dir.resolve(scenario.getFileName()), scenario.toAbsolutePath());
      }
    }
  }

  record Outcome(int code, String out, String err) {}

  static Outcome list(Path dir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ScenarioRunner noRunner =
        (scenario, mode, options, progress) -> {
          throw new AssertionError("list ran a cell");
        };
    RedlockLab lab =
        new RedlockLab(
            () -> noRunner,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    int code = lab.execute("list", dir.toString());
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Exception names in {@code output} that the input did not contain. */
  public static List<String> leakedExceptions(String output, String input) {
    List<String> leaked = new ArrayList<>();
    Matcher m = EXCEPTION_NAME.matcher(output);
    while (m.find()) {
      if (!input.contains(m.group())) {
        leaked.add(m.group());
      }
    }
    return leaked;
  }

  public static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  /** The mutation rules, each a function of the text and a seeded random. */
  static final class Mutator {

    private static final Pattern KEY_LINE =
        Pattern.compile("^(\\s*)(- )?([A-Za-z_][\\w-]*):(?: (.*))?$");
    private static final Pattern NUMBER =
        Pattern.compile("(?<![\\w.\\-\"'])-?[0-9]+(?:\\.[0-9]+)?(?![\\w.\"'])");
    private static final Pattern TIME = Pattern.compile("^(\\s*(?:- )?\\w*(?:_ms|trials):) .*$");

    static final List<String> OTHER_TYPES =
        List.of(
            "[1, 2]",
            "{a: 1}",
            "\"text\"",
            "true",
            "~",
            "3.5",
            "-7",
            "[]",
            "{}",
            "''",
            "!!binary aGVsbG8=",
            "!custom x",
            "2001-12-14",
            "0x1F",
            "0o17",
            "1:30",
            ".inf",
            "\"0\"",
            "no",
            "[[0, 1], [2]]",
            "|\n  block\n  text");
    static final List<String> HUGE =
        List.of(
            "99999999999999999999999",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "2147483647",
            "2147483648",
            "4294967296",
            "1e400",
            "-1e400",
            "1.7976931348623157e308",
            "4.9e-324",
            "0",
            "-0",
            "0.0000001",
            "1_000_000_000_000",
            "0x7fffffffffffffff",
            "0xffffffffffffffffff",
            ".inf",
            "-.inf",
            ".nan",
            "3600001",
            "86400001",
            "1e18",
            "+12",
            "012",
            "0b101");
    static final List<String> FAULTS =
        List.of(
            "  - {type: partition, nodes: [0, 1], at_ms: 0, duration_ms: 2000}",
            "  - {type: partition, nodes: all, at_ms: 500, duration_ms: 1500}",
            "  - {type: crash-node, nodes: [0], at_ms: 100, duration_ms: 900}",
            "  - {type: crash-node, nodes: [0], at_ms: 200, repeat_every_ms: 300}",
            "  - {type: clock-jump, nodes: [0], jump_ms: 5000, at_ms: 0, duration_ms: 800}",
            "  - {type: clock-jump, nodes: [0], jump_ms: -5000, at_ms: 300, duration_ms: 800}",
            "  - {type: client-pause, clients: [0], at_ms: 0, duration_ms: 1000}",
            "  - {type: client-pause, clients: [0], at_ms: 10, duration_ms: 1000, pause_ms: 900,"
                + " point: after-acquire}",
            "  - {type: pause-node, nodes: [1], at_ms: 50, duration_ms: 700}");
    static final List<String> UNICODE =
        List.of(
            "é",
            "日本語",
            "😀",
            "\u202E",
            "e\u0301",
            "\u0000",
            "\uFEFF",
            "\u2028",
            "\u0085",
            "\uD800",
            "１２",
            "\u0007",
            "\u001B[31m",
            "\r",
            "Ω≈ç√",
            "\u00A0",
            "ß",
            "\uFFFE");

    static byte[] mutate(String text, Rule rule, Random r) {
      List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
      int times = 1 + r.nextInt(3);
      switch (rule) {
        case DELETE_KEY -> repeat(times, () -> deleteKey(lines, r));
        case DUPLICATE_KEY -> repeat(times, () -> duplicateKey(lines, r));
        case RETYPE_KEY -> repeat(times, () -> retypeKey(lines, r));
        case HUGE_NUMBER -> repeat(times, () -> replaceNumber(lines, r, pick(HUGE, r)));
        case NEGATIVE_TIME -> repeat(times, () -> negativeTime(lines, r));
        case OVERLAPPING_FAULTS -> overlappingFaults(lines, r);
        case BROKEN_SYNTAX -> {
          return brokenSyntax(String.join("\n", lines), r).getBytes(StandardCharsets.UTF_8);
        }
        case UNICODE -> {
          return unicode(String.join("\n", lines), r);
        }
        case LARGE_FILE -> {
          return largeFile(lines, r).getBytes(StandardCharsets.UTF_8);
        }
        case ANCHORS_ALIASES -> anchorsAndAliases(lines, r);
      }
      return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static void repeat(int times, Runnable mutation) {
      for (int i = 0; i < times; i++) {
        mutation.run();
      }
    }

    static <T> T pick(List<T> list, Random r) {
      return list.get(r.nextInt(list.size()));
    }

    private static List<Integer> keyLines(List<String> lines) {
      List<Integer> found = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (KEY_LINE.matcher(lines.get(i)).matches()) {
          found.add(i);
        }
      }
      return found;
    }

    private static int indent(String line) {
      int i = 0;
      while (i < line.length() && line.charAt(i) == ' ') {
        i++;
      }
      return line.startsWith("- ", i) ? i + 2 : i;
    }

    /** The line after the block of the key on line {@code at} (its more indented lines). */
    private static int blockEnd(List<String> lines, int at) {
      int own = indent(lines.get(at));
      int end = at + 1;
      while (end < lines.size() && (lines.get(end).isBlank() || indent(lines.get(end)) > own)) {
        end++;
      }
      return end;
    }

    private static void deleteKey(List<String> lines, Random r) {
      List<Integer> keys = keyLines(lines);
      if (keys.isEmpty()) {
        return;
      }
      int at = pick(keys, r);
      int end = blockEnd(lines, at);
      lines.subList(at, end).clear();
    }

    private static void duplicateKey(List<String> lines, Random r) {
      List<Integer> keys = keyLines(lines);
      if (keys.isEmpty()) {
        return;
      }
      int at = pick(keys, r);
      int end = blockEnd(lines, at);
      List<String> copy = new ArrayList<>(lines.subList(at, end));
      copy.set(0, copy.get(0).replaceFirst("^(\\s*)- ", "$1  "));
      lines.addAll(end, copy);
    }

    private static void retypeKey(List<String> lines, Random r) {
      List<Integer> keys = keyLines(lines);
      if (keys.isEmpty()) {
        return;
      }
      int at = pick(keys, r);
      Matcher m = KEY_LINE.matcher(lines.get(at));
      m.matches();
      int end = blockEnd(lines, at);
      String value = pick(OTHER_TYPES, r).replace("\n", "\n" + " ".repeat(indent(lines.get(at))));
      lines.subList(at + 1, end).clear();
      lines.set(
          at,
          Stream.of(m.group(1), m.group(2), m.group(3), ": ", value)
              .map(s -> s == null ? "" : s)
              .reduce("", String::concat));
    }

    private static void replaceNumber(List<String> lines, Random r, String replacement) {
      List<int[]> spots = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = NUMBER.matcher(lines.get(i));
        while (m.find()) {
          if (lines.get(i).indexOf(':') >= 0 && lines.get(i).indexOf(':') < m.start()
              || lines.get(i).trim().startsWith("-")) {
            spots.add(new int[] {i, m.start(), m.end()});
          }
        }
      }
      if (spots.isEmpty()) {
        return;
      }
      int[] spot = pick(spots, r);
      String line = lines.get(spot[0]);
      lines.set(spot[0], line.substring(0, spot[1]) + replacement + line.substring(spot[2]));
    }

    private static void negativeTime(List<String> lines, Random r) {
      List<Integer> times = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (TIME.matcher(lines.get(i)).matches()) {
          times.add(i);
        }
      }
      String negative =
          pick(List.of("-1", "-1000", "-0", "-9223372036854775808", "-1e9", "-0.5"), r);
      if (times.isEmpty()) {
        replaceNumber(lines, r, negative);
        return;
      }
      int at = pick(times, r);
      Matcher m = TIME.matcher(lines.get(at));
      m.matches();
      lines.set(at, m.group(1) + " " + negative);
    }

    /** Repeats the file's own faults (same times) or adds faults that overlap them. */
    private static void overlappingFaults(List<String> lines, Random r) {
      int at = lines.indexOf("faults:");
      List<String> added = new ArrayList<>();
      for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
        added.add(pick(FAULTS, r));
      }
      if (at < 0) {
        int empty = lines.indexOf("faults: []");
        int scenarios = lines.indexOf("scenarios:");
        if (empty >= 0) {
          lines.set(empty, "faults:");
          lines.addAll(empty + 1, added);
        } else if (scenarios >= 0) {
          // a suite: the same scenario twice
          int first = scenarios + 1;
          int end = blockEnd(lines, first);
          lines.addAll(end, new ArrayList<>(lines.subList(first, end)));
        } else {
          lines.add("faults:");
          lines.addAll(added);
        }
        return;
      }
      int end = blockEnd(lines, at);
      if (r.nextBoolean()) {
        lines.addAll(end, new ArrayList<>(lines.subList(at + 1, end)));
      } else {
        lines.addAll(end, added);
      }
    }

    private static String brokenSyntax(String text, Random r) {
      int pos = r.nextInt(text.length() + 1);
      return switch (r.nextInt(9)) {
        case 0 ->
            text.substring(0, pos)
                + pick(
                    List.of(
                        ":", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
                        "#", ",", "?", "-", "\t", ": :", "\\"),
                    r)
                + text.substring(pos);
        case 1 -> text.substring(0, pos) + text.substring(Math.min(text.length(), pos + 1));
        case 2 -> text.substring(0, pos);
        case 3 -> text.substring(0, pos) + "\n---\n" + text.substring(pos);
        case 4 -> text.replaceFirst("\n  ", "\n\t");
        case 5 -> text.replaceFirst("\n  (\\w)", "\n   $1");
        case 6 -> text.replaceFirst("\"", "");
        case 7 -> text.substring(0, pos) + "\n%YAML 9.9\n" + text.substring(pos);
        default -> "[" + text;
      };
    }

    private static byte[] unicode(String text, Random r) {
      int pos = r.nextInt(text.length() + 1);
      int choice = r.nextInt(UNICODE.size() + 3);
      if (choice < UNICODE.size()) {
        return (text.substring(0, pos) + UNICODE.get(choice) + text.substring(pos))
            .getBytes(StandardCharsets.UTF_8);
      }
      if (choice == UNICODE.size()) {
        // a look-alike key: Cyrillic a in "name"
        return text.replaceFirst("name:", "n\u0430me:").getBytes(StandardCharsets.UTF_8);
      }
      byte[] head = text.substring(0, pos).getBytes(StandardCharsets.UTF_8);
      byte[] tail = text.substring(pos).getBytes(StandardCharsets.UTF_8);
      byte[] bad =
          choice == UNICODE.size() + 1 ? new byte[] {(byte) 0xC3, 0x28} : new byte[] {(byte) 0xFF};
      byte[] all = new byte[head.length + bad.length + tail.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(bad, 0, all, head.length, bad.length);
      System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
      return all;
    }

    private static String largeFile(List<String> lines, Random r) {
      String text = String.join("\n", lines);
      int size = 1 << (16 + r.nextInt(6)); // 64 KiB .. 2 MiB
      return switch (r.nextInt(5)) {
        case 0 -> text.replaceFirst("description: >?", "description: " + "x".repeat(size));
        case 1 -> text + "\n" + "#".repeat(size) + "\n";
        case 2 -> text.replaceFirst("\nmodes: \\[", "\nmodes: [" + "redlock-5, ".repeat(size / 11));
        case 3 -> "x: " + "[".repeat(size / 64) + "]".repeat(size / 64) + "\n" + text;
        default -> text.replaceFirst("\nname:", "\n" + "k".repeat(size / 16) + ": 1\nname:");
      };
    }

    private static void anchorsAndAliases(List<String> lines, Random r) {
      List<Integer> keys = keyLines(lines);
      switch (r.nextInt(6)) {
        case 0 -> {
          // a scalar's anchor reused for another scalar
          List<Integer> inline = new ArrayList<>();
          for (int i : keys) {
            Matcher m = KEY_LINE.matcher(lines.get(i));
            if (m.matches() && m.group(4) != null && !m.group(4).isBlank()) {
              inline.add(i);
            }
          }
          if (inline.size() < 2) {
            return;
          }
          int from = pick(inline, r);
          int to = pick(inline, r);
          lines.set(from, lines.get(from).replaceFirst(": ", ": &a1 "));
          if (to != from) {
            lines.set(to, lines.get(to).replaceFirst(": .*$", ": *a1"));
          }
        }
        case 1 -> {
          // a whole block anchored and aliased under another key
          int at = pick(keys, r);
          int to = pick(keys, r);
          lines.set(at, lines.get(at).replaceFirst(":( |$)", ": &b1$1"));
          if (to != at) {
            int end = blockEnd(lines, to);
            lines.subList(to + 1, end).clear();
            lines.set(to, lines.get(to).replaceFirst(":( .*)?$", ": *b1"));
          }
        }
        case 2 -> lines.add("laughs: " + laughs(1 + r.nextInt(30)));
        case 3 ->
            lines.set(pick(keys, r), lines.get(pick(keys, r)).replaceFirst(": .*$", ": *nope"));
        case 4 -> lines.add(0, "loop: &loop [*loop]");
        default -> {
          int w = lines.indexOf("workload:");
          if (w >= 0) {
            lines.set(w, "workload: &w");
            lines.add(0, "x-base: &base {clients: 2}");
            lines.add(w + 2, "  <<: *base");
          } else {
            lines.add("<<: {name: merged}");
          }
        }
      }
    }

    private static String laughs(int depth) {
      StringBuilder text = new StringBuilder("&l0 [lol, lol, lol]");
      for (int i = 1; i <= depth; i++) {
        text.append(", &l").append(i).append(" [");
        for (int j = 0; j < 9; j++) {
          text.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
        }
        text.append("]");
      }
      return "[" + text + "]";
    }
  }
}
