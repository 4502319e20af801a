package io.redlocklab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary run directories, deleted at the end unless REDLOCK_KEEP_RUN_DIRS is set. Each is named
 * {@code redlock-lab-run-<pid>-<kind>-<random>} after the JVM that made it, so that one left behind
 * by a killed or interrupted JVM is recognised: the first {@link #create} of a JVM deletes those
 * whose JVM is gone (see {@link #cleanStale}).
 */
public final class RunDirs {

  static final String KEEP_ENV = "REDLOCK_KEEP_RUN_DIRS";

  /** Every run directory's name starts with this, then its JVM's pid and a dash. */
  public static final String PREFIX = "redlock-lab-run-";

  /** Left in a directory kept on purpose: {@link #cleanStale} leaves it alone. */
  static final String KEPT_MARKER = ".kept";

  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.*");
  private static final Duration PID_REUSE_MARGIN = Duration.ofSeconds(10);
  private static final AtomicBoolean CLEANED = new AtomicBoolean();
  private static final Logger log = LoggerFactory.getLogger(RunDirs.class);

  private RunDirs() {}

  /** A fresh directory {@code redlock-lab-run-<pid>-<kind>-...} in the temp dir. */
  public static Path create(String kind) {
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    if (CLEANED.compareAndSet(false, true)) {
      cleanStale(temp);
    }
    try {
      return Files.createTempDirectory(
          temp, PREFIX + ProcessHandle.current().pid() + "-" + kind + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp dir", e);
    }
  }

  /**
   * Deletes the run directories in {@code parent} whose JVM is gone: no process has their pid, or
   * the one that has it started well after the directory last changed (the pid was reused). Kept
   * ones stay. Returns those deleted; never throws.
   */
  public static List<Path> cleanStale(Path parent) {
    List<Path> deleted = new ArrayList<>();
    try (Stream<Path> entries = Files.list(parent)) {
      for (Path dir : entries.toList()) {
        Matcher name = NAME.matcher(dir.getFileName().toString());
        if (name.matches()
            && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
            && !Files.exists(dir.resolve(KEPT_MARKER))
            && !alive(Long.parseLong(name.group(1)), dir)) {
          delete(dir);
          deleted.add(dir);
        }
      }
    } catch (IOException | UncheckedIOException | NumberFormatException e) {
      log.warn("cannot clean stale run dirs in {}: {}", parent, e.toString());
    }
    if (!deleted.isEmpty()) {
      log.info("deleted {} stale run dirs: {}", deleted.size(), deleted);
    }
    return deleted;
  }

  /** True when {@code pid} may still be the JVM that made {@code dir}. */
  private static boolean alive(long pid, Path dir) throws IOException {
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return false;
    }
    Optional<Instant> started = process.get().info().startInstant();
    Instant changed = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant();
    // The start time is only good to about a second (it counts from the boot time in seconds).
    return started.isEmpty() || !started.get().isAfter(changed.plus(PID_REUSE_MARGIN));
  }

  static boolean keep() {
    String keep = System.getenv(KEEP_ENV);
    return keep != null && !keep.isBlank();
  }

  /** Deletes {@code dir} recursively unless run dirs are kept; never throws. */
  public static void deleteUnlessKept(Path dir) {
    if (keep()) {
      log.info("kept run dir {}", dir);
      try {
        Files.writeString(dir.resolve(KEPT_MARKER), KEEP_ENV + " was set\n");
      } catch (IOException e) {
        log.warn("cannot mark run dir {} as kept: {}", dir, e.toString());
      }
      return;
    }
    try {
      delete(dir);
    } catch (IOException | UncheckedIOException e) {
      log.warn("cannot delete run dir {}: {}", dir, e.toString());
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * The last {@code lines} non-blank lines of each non-empty file, on one line: {@code redis.log: a
   * | b; redis.out: c}; "(no log output)" when there are none. For the first line of an error.
   */
  static String lastLines(int lines, Path... files) {
    List<String> out = new ArrayList<>();
    for (Path file : files) {
      try {
        List<String> all =
            Files.isRegularFile(file)
                ? Files.readAllLines(file).stream()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty())
                    .toList()
                : List.of();
        if (!all.isEmpty()) {
          out.add(
              file.getFileName()
                  + ": "
                  + String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size())));
        }
      } catch (IOException | UncheckedIOException e) {
        out.add(file.getFileName() + ": (unreadable: " + e.getMessage() + ")");
      }
    }
    return out.isEmpty() ? "(no log output)" : String.join("; ", out);
  }

  /** The last {@code lines} lines of each existing file, for error messages. */
  static String tail(int lines, Path... files) {
    List<String> out = new ArrayList<>();
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try {
        List<String> all = Files.readAllLines(file);
        out.add("--- " + file + " ---");
        out.addAll(all.subList(Math.max(0, all.size() - lines), all.size()));
      } catch (IOException | UncheckedIOException e) {
        out.add("--- " + file + ": " + e + " ---");
      }
    }
    return String.join("\n", out);
  }
}
