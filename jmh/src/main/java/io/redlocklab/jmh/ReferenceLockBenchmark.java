package io.redlocklab.jmh;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import io.redlocklab.jmh.AcquireReleaseBenchmark.Operation;
import io.redlocklab.testkit.EtcdCluster;
import io.redlocklab.testkit.PostgresServer;
import io.redlocklab.testkit.ZooKeeperEnsemble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.RetryOneTime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The reference systems' locks, one uncontended acquire+release per operation with their own Java
 * clients, on the same path as {@link AcquireReleaseBenchmark}: every client connection goes
 * through a Toxiproxy proxy per server, {@code latencyMs=1} adds 1 ms downstream on each. Peer
 * traffic between servers has no toxic (the Redis nodes have none either).
 *
 * <ul>
 *   <li>{@code etcd}: 3 members, jetcd; one session lease (TTL 10 s, kept alive by jetcd) for the
 *       trial, then {@code Lock(name, lease)} + {@code Unlock(key)}: two Raft writes;
 *   <li>{@code zookeeper}: 3 nodes, Curator {@code InterProcessMutex} (session timeout 10 s),
 *       {@code acquire(100 ms)} + {@code release()}: create an ephemeral sequential node, list the
 *       children, delete the node;
 *   <li>{@code postgres}: one server, JDBC, {@code SELECT pg_try_advisory_lock(k)} + {@code SELECT
 *       pg_advisory_unlock(k)} on one session.
 * </ul>
 */
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReferenceLockBenchmark {

  static final String RESOURCE = AcquireReleaseBenchmark.RESOURCE;
  static final long TTL_SECONDS = BenchClients.TTL.toSeconds();
  static final long ADVISORY_KEY = 42;

  @State(Scope.Benchmark)
  public static class Cell {
    @Param({"etcd", "zookeeper", "postgres"})
    public String system;

    @Param({"0", "1"})
    public int latencyMs;

    final List<AutoCloseable> owned = new ArrayList<>();
    Operation operation;

    @Setup(Level.Trial)
    public void start() throws Exception {
      try {
        operation =
            switch (system) {
              case "etcd" -> etcd(this);
              case "zookeeper" -> zookeeper(this);
              case "postgres" -> postgres(this);
              default -> throw new IllegalArgumentException("unknown system " + system);
            };
        checkLatency(operation, latencyMs);
      } catch (Exception e) {
        stop();
        throw e;
      }
    }

    <T extends AutoCloseable> T own(T closeable) {
      owned.add(closeable);
      return closeable;
    }

    @TearDown(Level.Trial)
    public void stop() {
      if (operation != null) {
        operation.close().run();
      }
      for (int i = owned.size() - 1; i >= 0; i--) {
        try {
          owned.get(i).close();
        } catch (Exception e) {
          // the testkit kills what is left when the fork exits
        }
      }
      owned.clear();
    }
  }

  @Benchmark
  public long acquireRelease(Cell cell) throws Exception {
    return cell.operation.body().run();
  }

  static void addLatency(List<Proxy> proxies, int latencyMs) {
    if (latencyMs <= 0) {
      return;
    }
    try {
      for (Proxy proxy : proxies) {
        proxy.toxics().latency("latency", ToxicDirection.DOWNSTREAM, latencyMs).setJitter(0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot add the latency toxic", e);
    }
  }

  /** Every operation makes at least one round trip: with a toxic, the fastest of 5 must show it. */
  static void checkLatency(Operation operation, int latencyMs) throws Exception {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      operation.body().run();
      best = Math.min(best, System.nanoTime() - start);
    }
    if (latencyMs > 0 && best < TimeUnit.MILLISECONDS.toNanos(latencyMs)) {
      throw new IllegalStateException(
          "fastest acquire+release took "
              + best / 1000
              + " us under a "
              + latencyMs
              + " ms toxic; the latency toxic is not in effect");
    }
  }

  static Operation etcd(Cell cell) throws Exception {
    EtcdCluster cluster = cell.own(EtcdCluster.start());
    List<Proxy> proxies = new ArrayList<>();
    for (int i = 0; i < EtcdCluster.SIZE; i++) {
      proxies.add(cluster.clientProxy(i));
    }
    addLatency(proxies, cell.latencyMs);
    Client client =
        cell.own(
            Client.builder().endpoints(cluster.clientEndpoints().toArray(String[]::new)).build());
    long lease = client.getLeaseClient().grant(TTL_SECONDS).get(5, TimeUnit.SECONDS).getID();
    CloseableClient keepAlive =
        cell.own(client.getLeaseClient().keepAlive(lease, new IgnoreKeepAlives()));
    ByteSequence name = ByteSequence.from(RESOURCE, StandardCharsets.UTF_8);
    return new Operation(
        () -> {
          ByteSequence key =
              client.getLockClient().lock(name, lease).get(1, TimeUnit.SECONDS).getKey();
          client.getLockClient().unlock(key).get(1, TimeUnit.SECONDS);
          return 1;
        },
        keepAlive::close);
  }

  static Operation zookeeper(Cell cell) throws Exception {
    ZooKeeperEnsemble ensemble = cell.own(ZooKeeperEnsemble.start());
    List<Proxy> proxies = new ArrayList<>();
    for (int i = 0; i < ZooKeeperEnsemble.SIZE; i++) {
      proxies.add(ensemble.clientProxy(i));
    }
    addLatency(proxies, cell.latencyMs);
    CuratorFramework curator =
        cell.own(
            CuratorFrameworkFactory.builder()
                .connectString(ensemble.connectString())
                .sessionTimeoutMs((int) TimeUnit.SECONDS.toMillis(TTL_SECONDS))
                .connectionTimeoutMs(5_000)
                .retryPolicy(new RetryOneTime(100))
                .build());
    curator.start();
    if (!curator.blockUntilConnected(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Curator did not connect to " + ensemble.connectString());
    }
    InterProcessMutex mutex = new InterProcessMutex(curator, "/" + RESOURCE);
    return new Operation(
        () -> {
          if (!mutex.acquire(100, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("zookeeper: an uncontended acquisition failed");
          }
          mutex.release();
          return 1;
        },
        () -> {});
  }

  static Operation postgres(Cell cell) throws Exception {
    PostgresServer server = cell.own(PostgresServer.start());
    addLatency(List.of(server.proxy()), cell.latencyMs);
    Connection connection =
        cell.own(DriverManager.getConnection(server.jdbcUrl(), PostgresServer.DATABASE_USER, ""));
    PreparedStatement lock =
        cell.own(connection.prepareStatement("SELECT pg_try_advisory_lock(?)"));
    PreparedStatement unlock =
        cell.own(connection.prepareStatement("SELECT pg_advisory_unlock(?)"));
    return new Operation(
        () -> {
          if (!single(lock)) {
            throw new IllegalStateException("postgres: an uncontended acquisition failed");
          }
          if (!single(unlock)) {
            throw new IllegalStateException("postgres: the advisory lock was not held at unlock");
          }
          return 1;
        },
        () -> {});
  }

  private static boolean single(PreparedStatement statement) throws SQLException {
    statement.setLong(1, ADVISORY_KEY);
    try (ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getBoolean(1);
    }
  }

  /** jetcd's keep-alive stream for the session lease; its answers need no handling. */
  private static final class IgnoreKeepAlives implements StreamObserver<LeaseKeepAliveResponse> {
    @Override
    public void onNext(LeaseKeepAliveResponse value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
