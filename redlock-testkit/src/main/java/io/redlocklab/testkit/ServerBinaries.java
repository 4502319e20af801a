package io.redlocklab.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code redis-server}, {@code redis-sentinel} and {@code toxiproxy-server} executables.
 *
 * <p>Order: the env var ({@code REDIS_SERVER_BIN} / {@code REDIS_SENTINEL_BIN} / {@code
 * TOXIPROXY_SERVER_BIN}; when set, it is the only candidate), then {@code PATH}, then {@code
 * /usr/local/bin}, {@code ~/.local/bin}, {@code ~/go/bin}.
 */
public final class ServerBinaries {

  static final String REDIS = "redis-server";
  static final String SENTINEL = "redis-sentinel";
  static final String TOXIPROXY = "toxiproxy-server";
  static final String REDIS_ENV = "REDIS_SERVER_BIN";
  static final String SENTINEL_ENV = "REDIS_SENTINEL_BIN";
  static final String TOXIPROXY_ENV = "TOXIPROXY_SERVER_BIN";

  private ServerBinaries() {}

  public static Optional<Path> redisServer() {
    return locate(REDIS, REDIS_ENV, System.getenv());
  }

  public static Optional<Path> redisSentinel() {
    return locate(SENTINEL, SENTINEL_ENV, System.getenv());
  }

  public static Optional<Path> toxiproxyServer() {
    return locate(TOXIPROXY, TOXIPROXY_ENV, System.getenv());
  }

  /** A one-line message naming what is missing, or empty when both servers are found. */
  public static Optional<String> missing() {
    return missing(System.getenv());
  }

  /**
   * Like {@link #missing()}, for a Sentinel topology: also names a missing {@code redis-sentinel}.
   */
  public static Optional<String> missingForSentinel() {
    return missingForSentinel(System.getenv());
  }

  static Optional<String> missing(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    addIfMissing(problems, REDIS, REDIS_ENV, env);
    addIfMissing(problems, TOXIPROXY, TOXIPROXY_ENV, env);
    return describe(problems);
  }

  static Optional<String> missingForSentinel(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    addIfMissing(problems, REDIS, REDIS_ENV, env);
    addIfMissing(problems, SENTINEL, SENTINEL_ENV, env);
    addIfMissing(problems, TOXIPROXY, TOXIPROXY_ENV, env);
    return describe(problems);
  }

  private static void addIfMissing(
      List<String> problems, String name, String envVar, Map<String, String> env) {
    if (locate(name, envVar, env).isEmpty()) {
      problems.add(describeMissing(name, envVar, env));
    }
  }

  private static Optional<String> describe(List<String> problems) {
    if (problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.join("; ", problems) + " - run scripts/install-deps");
  }

  static Optional<Path> locate(String name, String envVar, Map<String, String> env) {
    String override = env.get(envVar);
    if (override != null && !override.isBlank()) {
      return Optional.of(Path.of(override)).filter(ServerBinaries::isExecutable);
    }
    return candidates(name, env).stream().filter(ServerBinaries::isExecutable).findFirst();
  }

  static List<Path> candidates(String name, Map<String, String> env) {
    List<Path> dirs = new ArrayList<>();
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        dirs.add(Path.of(dir));
      }
    }
    dirs.add(Path.of("/usr/local/bin"));
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    dirs.add(Path.of(home, ".local", "bin"));
    dirs.add(Path.of(home, "go", "bin"));
    return dirs.stream().map(dir -> dir.resolve(name)).distinct().toList();
  }

  private static String describeMissing(String name, String envVar, Map<String, String> env) {
    String override = env.get(envVar);
    if (override != null && !override.isBlank()) {
      return envVar + "=" + override + " is not an executable file";
    }
    return name + " not found on PATH, /usr/local/bin, ~/.local/bin or ~/go/bin";
  }

  private static boolean isExecutable(Path file) {
    return Files.isRegularFile(file) && Files.isExecutable(file);
  }
}
