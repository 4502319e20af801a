package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.testkit.RedisServerProcess.Options;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

class RedisServerProcessIT {

  @BeforeEach
  void requireServers() {
    RedisNodesExtension.requireServers();
  }

  @Test
  void aofAlwaysKeepsAcknowledgedWritesAcrossACrash() {
    try (RedisServerProcess redis =
        RedisServerProcess.start(Options.defaults().persistence(Persistence.AOF_ALWAYS))) {
      withClient(redis, jedis -> jedis.set("k", "v"));

      redis.kill();
      redis.restart();

      assertThat(get(redis, "k")).isEqualTo("v");
    }
  }

  @Test
  void noPersistenceLosesEverythingOnACrash() {
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      withClient(redis, jedis -> jedis.set("k", "v"));
      int port = redis.port();

      redis.restart();

      assertThat(redis.port()).isEqualTo(port);
      assertThat(get(redis, "k")).isNull();
    }
  }

  @Test
  void replicaFollowsItsMaster() {
    try (RedisServerProcess master = RedisServerProcess.start();
        RedisServerProcess replica =
            RedisServerProcess.start(Options.defaults().replicaOf(master.host(), master.port()))) {
      withClient(master, jedis -> jedis.set("k", "v"));

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (get(replica, "k") == null && System.nanoTime() < deadline) {
        ManagedProcess.sleepQuietly(20);
      }
      assertThat(get(replica, "k")).isEqualTo("v");
      assertThat(withClient(replica, (Jedis jedis) -> jedis.info("replication")))
          .contains("role:slave");
    }
  }

  @Test
  void extraEnvironmentReachesTheServerOnly() throws IOException {
    // redis-server overwrites its /proc/<pid>/environ (process title), so watch the loader instead.
    Map<String, String> env = Map.of("LD_PRELOAD", "/nonexistent/redlock-mark.so");
    try (RedisServerProcess redis = RedisServerProcess.start(Options.defaults().extraEnv(env))) {
      String comm = Files.readString(Path.of("/proc/" + redis.pid() + "/comm")).trim();
      List<String> loaderWarnings =
          Files.readAllLines(redis.dir().resolve("redis.out")).stream()
              .filter(line -> line.contains("redlock-mark.so"))
              .toList();

      assertThat(comm).startsWith("redis-server");
      assertThat(loaderWarnings).as("one warning: the server's, not the wrapper's").hasSize(1);
    }
  }

  @Test
  void closeKillsTheServerAndDeletesItsTempDir() {
    RedisServerProcess redis = RedisServerProcess.start();
    long pid = redis.pid();
    Path dir = redis.dir();
    assertThat(dir.resolve("redis.log")).exists();

    redis.close();
    redis.close();

    assertThat(Path.of("/proc/" + pid)).doesNotExist();
    assertThat(dir).doesNotExist();
  }

  @Test
  void aTakenPortFailsTheStartWithRedisOwnLogLineOnTheFirstLine(@TempDir Path dir)
      throws IOException {
    try (ServerSocket taken =
        new ServerSocket(0, 1, InetAddress.getByName(RedisServerProcess.HOST))) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> RedisServerProcess.start(Options.defaults().dir(dir).port(port)))
          .isInstanceOf(IllegalStateException.class)
          .extracting(e -> e.getMessage().lines().findFirst().orElseThrow())
          .asString()
          .contains("redis-server on port " + port + " exited at start-up")
          .contains("redis.log: ")
          .contains("Could not create server TCP listening socket 127.0.0.1:" + port)
          .contains("Address already in use");
      assertThat(Processes.matching(dir.toString())).isEmpty();
    }
  }

  @Test
  void aBadDirectiveFailsTheStartWithRedisOwnErrorOnTheFirstLine(@TempDir Path dir) {
    Options options = Options.defaults().dir(dir).extraArgs(List.of("--no-such-directive", "x"));

    assertThatThrownBy(() -> RedisServerProcess.start(options))
        .isInstanceOf(IllegalStateException.class)
        .extracting(e -> e.getMessage().lines().findFirst().orElseThrow())
        .asString()
        .contains("exited at start-up")
        .contains("redis.out: ")
        .contains("'no-such-directive \"x\"'")
        .contains("Bad directive or wrong number of arguments");
    assertThat(Processes.matching(dir.toString())).isEmpty();
  }

  private static String get(RedisServerProcess redis, String key) {
    return withClient(redis, (Jedis jedis) -> jedis.get(key));
  }

  private static <T> T withClient(
      RedisServerProcess redis, java.util.function.Function<Jedis, T> action) {
    try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
      return action.apply(jedis);
    }
  }
}
