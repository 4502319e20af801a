package io.redlocklab.jmh.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line description of the machine the report is written on (the one that ran the benchmarks).
 */
final class Machine {

  private Machine() {}

  static String describe() {
    String cpu = cpuModel();
    int cores = Runtime.getRuntime().availableProcessors();
    String os =
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch");
    String memory = memoryGiB();
    return cpu
        + ", "
        + cores
        + " cores available to the JVM, "
        + os
        + (memory.isEmpty() ? "" : ", " + memory + " RAM");
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }

  private static String memoryGiB() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(l -> l.startsWith("MemTotal:"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
          .map(kib -> String.format(Locale.ROOT, "%.0f GiB", kib / 1024.0 / 1024.0))
          .findFirst()
          .orElse("");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
