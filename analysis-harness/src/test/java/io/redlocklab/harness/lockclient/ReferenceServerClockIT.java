package io.redlocklab.harness.lockclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.harness.cluster.ClockShim;
import io.redlocklab.harness.cluster.ServerClock;
import io.redlocklab.harness.lockclient.postgres.PostgresLockClient;
import io.redlocklab.harness.lockclient.zookeeper.ZooKeeperLockClient;
import io.redlocklab.testkit.PostgresServer;
import io.redlocklab.testkit.RequireServers;
import io.redlocklab.testkit.ZooKeeperEnsemble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why server clock faults are not applicable to the reference columns, shown on real servers: the
 * clock shim does move the wall clock of postgres and of ZooKeeper's JVMs (read back through each
 * server's own protocol), and a lock held across a one-hour jump is neither lost nor granted to
 * anyone else, because neither lock reads that clock.
 */
class ReferenceServerClockIT {

  private static final Duration JUMP = Duration.ofHours(1);
  private static final Duration TTL = Duration.ofMillis(1000);

  @TempDir Path dir;

  private ServerClock clock(String name) throws IOException {
    ClockShim shim = ClockShim.compile(dir.resolve("shim"));
    ServerClock clock = shim.newClock(dir.resolve("shim").resolve(name + ".clock"));
    // postgres runs as an unprivileged user: it must reach the library and the control file.
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.toList()) {
        Files.setPosixFilePermissions(
            file,
            PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    return clock;
  }

  @Test
  void aPostgresClockJumpTakesEffectAndTheAdvisoryLockIgnoresIt() throws Exception {
    RequireServers.postgres();
    ServerClock clock = clock("postgres");
    try (PostgresServer server = PostgresServer.start(clock.environment());
        LockClient holder =
            PostgresLockClient.factory(true)
                .create(Contexts.of(0, List.of(endpoint(server)), TTL, LeaseEvents.NONE));
        LockClient other =
            PostgresLockClient.factory(true)
                .create(Contexts.of(1, List.of(endpoint(server)), TTL, LeaseEvents.NONE))) {
      HeldLease held = holder.acquire("clock", Duration.ofSeconds(2));
      long before = serverOffsetMillis(server);
      clock.jump(JUMP);
      long after = serverOffsetMillis(server);
      assertThat(after - before).isBetween(JUMP.toMillis() - 5_000, JUMP.toMillis() + 5_000);

      Thread.sleep(2 * TTL.toMillis());
      assertThat(held.lost()).isFalse();
      assertThatThrownBy(() -> other.acquire("clock", Duration.ofMillis(300)))
          .isInstanceOf(LockRefusedException.class);
      held.release();
    }
  }

  @Test
  void aZooKeeperClockJumpTakesEffectAndTheSessionIgnoresIt() throws Exception {
    RequireServers.zooKeeper();
    ServerClock clock = clock("zookeeper");
    try (ZooKeeperEnsemble ensemble = ZooKeeperEnsemble.start(clock.environment())) {
      List<Endpoint> servers =
          IntStream.range(0, ZooKeeperEnsemble.SIZE)
              .mapToObj(i -> new Endpoint(ZooKeeperEnsemble.HOST, ensemble.directClientPort(i)))
              .toList();
      try (LockClient holder =
              ZooKeeperLockClient.factory(true)
                  .create(Contexts.of(0, servers, TTL, LeaseEvents.NONE));
          LockClient other =
              ZooKeeperLockClient.factory(true)
                  .create(Contexts.of(1, servers, TTL, LeaseEvents.NONE));
          CuratorFramework probe =
              CuratorFrameworkFactory.newClient(
                  ensemble.connectString(), 5_000, 5_000, new RetryOneTime(100))) {
        probe.start();
        HeldLease held = holder.acquire("clock", Duration.ofSeconds(5));
        long before = ctimeOffsetMillis(probe);
        clock.jump(JUMP);
        long after = ctimeOffsetMillis(probe);
        // The leader stamps each created node with its wall clock: the shim moved it.
        assertThat(after - before).isBetween(JUMP.toMillis() - 5_000, JUMP.toMillis() + 5_000);

        Thread.sleep(2 * TTL.toMillis());
        assertThat(held.lost()).isFalse();
        assertThatThrownBy(() -> other.acquire("clock", Duration.ofMillis(500)))
            .isInstanceOf(LockRefusedException.class);
        held.release();
      }
    }
  }

  private static Endpoint endpoint(PostgresServer server) {
    return new Endpoint(PostgresServer.HOST, server.port());
  }

  private static long serverOffsetMillis(PostgresServer server) throws Exception {
    try (Connection c = DriverManager.getConnection(server.directJdbcUrl());
        Statement statement = c.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint")) {
      result.next();
      return result.getLong(1) - System.currentTimeMillis();
    }
  }

  private static long ctimeOffsetMillis(CuratorFramework probe) throws Exception {
    String path = probe.create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath("/clock-probe-");
    Stat stat = probe.checkExists().forPath(path);
    probe.delete().forPath(path);
    return stat.getCtime() - System.currentTimeMillis();
  }
}
