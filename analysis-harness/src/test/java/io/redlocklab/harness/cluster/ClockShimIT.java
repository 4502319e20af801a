package io.redlocklab.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * A real redis-server under the clock shim: TIME, TTLs and expiry follow the skewed wall clock.
 * Needs redis-server and a C compiler on PATH.
 */
class ClockShimIT {

  private static final String REDIS = "redis-server";
  private static final long START_TIMEOUT_MILLIS = 5_000;

  @TempDir static Path shimDir;
  private static ClockShim shim;

  @TempDir Path serverDir;
  private ServerClock clock;
  private Process server;
  private Jedis jedis;

  @BeforeAll
  static void compileShim() {
    assumeThat(ClockShim.findCompiler(System.getenv("PATH"))).as("a C compiler").isPresent();
    assumeThat(onPath(REDIS)).as("redis-server on PATH").isTrue();
    shim = ClockShim.compile(shimDir);
  }

  @BeforeEach
  void startServer() throws Exception {
    clock = shim.newClock(serverDir.resolve("clock"));
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
                REDIS,
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no")
            .directory(serverDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(serverDir.resolve("redis.log").toFile());
    builder.environment().putAll(clock.environment());
    long start = System.nanoTime();
    server = builder.start();
    jedis = awaitPing(port, start);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "redis-server pid %d answered PING %d ms after start under the shim%n",
        server.pid(), millis);
  }

  @AfterEach
  void stopServer() throws Exception {
    if (jedis != null) {
      jedis.close();
    }
    if (server == null) {
      return;
    }
    server.destroy();
    if (!server.waitFor(5, TimeUnit.SECONDS)) {
      server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    assertThat(server.isAlive()).as("redis-server still running").isFalse();
    assertThat(ProcessHandle.of(server.pid())).as("leftover process").isEmpty();
  }

  @Test
  void redisStartsWithTheShimLoaded() throws IOException {
    String maps = Files.readString(Path.of("/proc", Long.toString(server.pid()), "maps"));
    assertThat(maps).contains(shim.library().toString());
    assertThat(offsetMillis()).isBetween(-1_000L, 1_000L);
  }

  @Test
  void aForwardJumpMovesTime() {
    clock.jump(Duration.ofSeconds(60));

    long offset = offsetMillis();
    System.out.printf("TIME - real after jump(+60 s): %d ms%n", offset);
    assertThat(offset).isBetween(59_000L, 61_000L);
  }

  @Test
  void aForwardJumpShortensTtlsAndABackwardJumpLengthensThem() {
    jedis.set("fwd", "x", SetParams.setParams().px(120_000));
    clock.jump(Duration.ofSeconds(60));
    long pttl = jedis.pttl("fwd");
    System.out.printf("PTTL of a PX 120000 key after jump(+60 s): %d ms%n", pttl);
    assertThat(pttl).isBetween(58_000L, 62_000L);

    jedis.set("back", "x", SetParams.setParams().px(10_000));
    clock.jump(Duration.ofSeconds(-60));
    long back = jedis.pttl("back");
    System.out.printf("PTTL of a PX 10000 key after jump(-60 s): %d ms%n", back);
    assertThat(back).isBetween(68_000L, 72_000L);
  }

  @Test
  void aFastClockRunsTtlsDownRTimesAsFast() throws InterruptedException {
    jedis.set("lease", "x", SetParams.setParams().px(600_000));
    clock.setRate(5.0);

    long t1 = System.nanoTime();
    long pttl1 = jedis.pttl("lease");
    long time1 = serverMicros();
    Thread.sleep(1_000);
    long t2 = System.nanoTime();
    long pttl2 = jedis.pttl("lease");
    long time2 = serverMicros();

    double realMillis = (t2 - t1) / 1e6;
    double pttlRatio = (pttl1 - pttl2) / realMillis;
    double timeRatio = (time2 - time1) / 1e3 / realMillis;
    System.out.printf(
        "rate 5.0 over %.0f ms: PTTL fell %.3f x, TIME advanced %.3f x%n",
        realMillis, pttlRatio, timeRatio);
    assertThat(pttlRatio).isBetween(3.5, 6.5);
    assertThat(timeRatio).isBetween(3.5, 6.5);
  }

  @Test
  void resetReturnsToRealTime() {
    clock.jump(Duration.ofSeconds(60));
    clock.setRate(3.0);
    clock.reset();

    long offset = offsetMillis();
    System.out.printf("TIME - real after reset(): %d ms%n", offset);
    assertThat(offset).isBetween(-1_000L, 1_000L);
  }

  @Test
  void keysExpireByTheSkewedClock() throws InterruptedException {
    jedis.set("touched", "x", SetParams.setParams().px(30_000));
    jedis.set("untouched", "x", SetParams.setParams().px(30_000));
    jedis.set("forever", "x");
    clock.jump(Duration.ofSeconds(60));

    // Lazy expiry, on access.
    assertThat(jedis.get("touched")).isNull();
    // Active expiry (serverCron, 10 Hz): the key no one reads is deleted too.
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (jedis.dbSize() > 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(jedis.dbSize()).as("keys left after active expiry").isEqualTo(1);
    assertThat(jedis.info("stats")).contains("expired_keys:2");
    assertThat(jedis.get("forever")).isEqualTo("x");
  }

  /** Server TIME minus the host's wall clock, in ms. */
  private long offsetMillis() {
    long before = System.currentTimeMillis();
    long server = serverMicros() / 1000;
    long after = System.currentTimeMillis();
    return server - (before + after) / 2;
  }

  private long serverMicros() {
    List<String> time = jedis.time();
    return Long.parseLong(time.get(0)) * 1_000_000 + Long.parseLong(time.get(1));
  }

  private Jedis awaitPing(int port, long startNanos) throws Exception {
    var config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(1_000)
            .socketTimeoutMillis(2_000)
            .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
            .build();
    while (System.nanoTime() - startNanos < START_TIMEOUT_MILLIS * 1_000_000) {
      if (!server.isAlive()) {
        fail("redis-server exited with " + server.exitValue() + " under the shim:\n" + log());
      }
      Jedis candidate = null;
      try {
        candidate = new Jedis(new HostAndPort("127.0.0.1", port), config); // connects
        if ("PONG".equals(candidate.ping())) {
          return candidate;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      if (candidate != null) {
        candidate.close();
      }
      Thread.sleep(20);
    }
    return fail(
        "redis-server did not answer PING within "
            + START_TIMEOUT_MILLIS
            + " ms under the shim (deadlock?):\n"
            + log());
  }

  private String log() throws IOException {
    return Files.readString(serverDir.resolve("redis.log"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null
        && Arrays.stream(path.split(":"))
            .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
  }
}
