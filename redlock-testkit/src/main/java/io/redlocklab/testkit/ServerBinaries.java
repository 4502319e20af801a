package io.redlocklab.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code redis-server}, {@code redis-sentinel} and {@code toxiproxy-server} executables,
 * and the reference servers etcd, ZooKeeper and PostgreSQL as Debian installs them.
 *
 * <p>Order for executables: the env var ({@code REDIS_SERVER_BIN} / {@code REDIS_SENTINEL_BIN} /
 * {@code TOXIPROXY_SERVER_BIN} / {@code ETCD_BIN}; when set, it is the only candidate), then {@code
 * PATH}, then {@code /usr/local/bin}, {@code ~/.local/bin}, {@code ~/go/bin}. ZooKeeper is its jar
 * ({@code ZOOKEEPER_JAR}, default {@code /usr/share/java/zookeeper.jar}); PostgreSQL its bin
 * directory ({@code POSTGRES_BIN_DIR}, default {@code /usr/lib/postgresql/15/bin}).
 */
public final class ServerBinaries {

  static final String REDIS = "redis-server";
  static final String SENTINEL = "redis-sentinel";
  static final String TOXIPROXY = "toxiproxy-server";
  static final String REDIS_ENV = "REDIS_SERVER_BIN";
  static final String SENTINEL_ENV = "REDIS_SENTINEL_BIN";
  static final String TOXIPROXY_ENV = "TOXIPROXY_SERVER_BIN";
  static final String ETCD = "etcd";
  static final String ETCD_ENV = "ETCD_BIN";
  static final String ZOOKEEPER_JAR_ENV = "ZOOKEEPER_JAR";
  static final String POSTGRES_BIN_DIR_ENV = "POSTGRES_BIN_DIR";
  static final Path DEFAULT_ZOOKEEPER_JAR = Path.of("/usr/share/java/zookeeper.jar");
  static final Path DEFAULT_POSTGRES_BIN_DIR = Path.of("/usr/lib/postgresql/15/bin");
  static final List<String> POSTGRES_PROGRAMS = List.of("initdb", "postgres", "pg_isready");

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

  public static Optional<Path> etcd() {
    return locate(ETCD, ETCD_ENV, System.getenv());
  }

  /** The ZooKeeper server jar; its manifest names the rest of its class path. */
  public static Optional<Path> zookeeperJar() {
    return zookeeperJar(System.getenv());
  }

  /** The directory holding {@code initdb}, {@code postgres} and {@code pg_isready}. */
  public static Optional<Path> postgresBinDir() {
    return postgresBinDir(System.getenv());
  }

  /** A one-line message naming what etcd needs and how to install it, or empty. */
  public static Optional<String> missingEtcd() {
    return missingEtcd(System.getenv());
  }

  /** A one-line message naming what ZooKeeper needs and how to install it, or empty. */
  public static Optional<String> missingZooKeeper() {
    return missingZooKeeper(System.getenv());
  }

  /** A one-line message naming what PostgreSQL needs and how to install it, or empty. */
  public static Optional<String> missingPostgres() {
    return missingPostgres(System.getenv());
  }

  static Optional<Path> zookeeperJar(Map<String, String> env) {
    return Optional.of(override(env, ZOOKEEPER_JAR_ENV).orElse(DEFAULT_ZOOKEEPER_JAR))
        .filter(Files::isRegularFile);
  }

  static Optional<Path> postgresBinDir(Map<String, String> env) {
    return Optional.of(override(env, POSTGRES_BIN_DIR_ENV).orElse(DEFAULT_POSTGRES_BIN_DIR))
        .filter(dir -> POSTGRES_PROGRAMS.stream().allMatch(p -> isExecutable(dir.resolve(p))));
  }

  static Optional<String> missingEtcd(Map<String, String> env) {
    return missingReference(
        env, locate(ETCD, ETCD_ENV, env).isPresent(), ETCD + " (" + ETCD_ENV + ")", "etcd-server");
  }

  static Optional<String> missingZooKeeper(Map<String, String> env) {
    return missingReference(
        env,
        zookeeperJar(env).isPresent(),
        override(env, ZOOKEEPER_JAR_ENV).orElse(DEFAULT_ZOOKEEPER_JAR)
            + " ("
            + ZOOKEEPER_JAR_ENV
            + ")",
        "zookeeper");
  }

  static Optional<String> missingPostgres(Map<String, String> env) {
    Path dir = override(env, POSTGRES_BIN_DIR_ENV).orElse(DEFAULT_POSTGRES_BIN_DIR);
    return missingReference(
        env,
        postgresBinDir(env).isPresent(),
        String.join("/", POSTGRES_PROGRAMS) + " in " + dir + " (" + POSTGRES_BIN_DIR_ENV + ")",
        "postgresql-15");
  }

  // "<what> missing: install <package> (scripts/install-deps)", plus toxiproxy when it is missing.
  private static Optional<String> missingReference(
      Map<String, String> env, boolean present, String what, String debianPackage) {
    List<String> problems = new ArrayList<>();
    if (!present) {
      problems.add(what + " missing: install " + debianPackage + " (scripts/install-deps)");
    }
    if (locate(TOXIPROXY, TOXIPROXY_ENV, env).isEmpty()) {
      problems.add(describeMissing(TOXIPROXY, TOXIPROXY_ENV, env) + " - run scripts/install-deps");
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  private static Optional<Path> override(Map<String, String> env, String envVar) {
    String value = env.get(envVar);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
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
