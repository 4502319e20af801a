package io.redlocklab.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.cluster.Connections;
import io.redlocklab.harness.cluster.RunningCluster;
import io.redlocklab.harness.history.HistoryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.clients.jedis.Jedis;

/**
 * A nemesis context over a running cluster with an in-memory history, plus small probes for ITs.
 */
final class NemesisHarness {

  final RunningCluster cluster;
  final List<HistoryRecord> history = new CopyOnWriteArrayList<>();
  final MonotonicClock clock = MonotonicClock.system();
  final ClientPauses pauses = new ClientPauses(history::add, clock);
  final List<DriftingClock> clientClocks = new ArrayList<>();
  final NemesisContext context;
  final NemesisFactory factory;

  NemesisHarness(RunningCluster cluster, long scenarioMillis) {
    this.cluster = cluster;
    for (int client = 0; client < cluster.topology().clients(); client++) {
      clientClocks.add(new DriftingClock(clock));
    }
    this.context = new NemesisContext(cluster, history::add, clock, pauses, clientClocks);
    this.factory = new NemesisFactory(cluster.topology(), cluster.capabilities(), scenarioMillis);
  }

  Nemesis nemesis(String type, long durationMillis, Map<String, Object> params) {
    return factory.create(Fault.of(FaultType.of(type), 0, durationMillis, params), context);
  }

  /** The history details of one nemesis, in order. */
  List<String> details(String nemesis) {
    return history.stream().filter(r -> r.op().equals(nemesis)).map(HistoryRecord::detail).toList();
  }

  void assertStartVerifiedStop(String nemesis) {
    List<String> details = details(nemesis);
    assertThat(details).hasSizeGreaterThanOrEqualTo(3);
    assertThat(details.get(0)).startsWith("start: ");
    assertThat(details.get(1)).startsWith("verified: ");
    assertThat(details.get(details.size() - 1)).startsWith("stop");
    assertThat(history)
        .filteredOn(r -> r.op().equals(nemesis))
        .allMatch(
            r -> r.process().equals(HistoryRecord.NEMESIS) && r.type().equals(HistoryRecord.INFO));
  }

  /** PING on a fresh connection; the error text, or null when it answered. */
  static String pingError(RedisNode endpoint, int timeoutMillis) {
    return Probes.pingError(endpoint, timeoutMillis);
  }

  /**
   * The fastest of 3 PING round trips on a fresh connection, in ms (robust to a scheduling hiccup).
   */
  static double rttMillis(RedisNode endpoint) {
    return Probes.minPingNanos(endpoint, 10_000, 3) / 1e6;
  }

  static Jedis open(RedisNode endpoint) {
    return Connections.open(endpoint, 2_000);
  }
}
