package io.redlocklab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Temporary run directories, deleted at the end unless REDLOCK_KEEP_RUN_DIRS is set. */
public final class RunDirs {

  static final String KEEP_ENV = "REDLOCK_KEEP_RUN_DIRS";

  private static final Logger log = LoggerFactory.getLogger(RunDirs.class);

  private RunDirs() {}

  static Path create(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp dir", e);
    }
  }

  static boolean keep() {
    String keep = System.getenv(KEEP_ENV);
    return keep != null && !keep.isBlank();
  }

  /** Deletes {@code dir} recursively unless run dirs are kept; never throws. */
  public static void deleteUnlessKept(Path dir) {
    if (keep()) {
      log.info("kept run dir {}", dir);
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | UncheckedIOException e) {
      log.warn("cannot delete run dir {}: {}", dir, e.toString());
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
