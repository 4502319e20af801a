package io.redlocklab.jmh;

import io.redlocklab.core.RedlockConfig;
import io.redlocklab.core.SequentialRedlock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * The floor for N &gt; 1 nodes: redlock-core's protocol with nothing else. One plain Jedis
 * connection and one dedicated thread per node; {@code SET NX PX} to all, wait for a majority;
 * compare-and-delete {@code EVALSHA} to all, wait for all (as redlock-core's release does). No
 * pool, no random value, no validity arithmetic, no outcome records. A node's commands run in order
 * on its own thread, so a release never overtakes the acquire on the same node.
 */
final class RawFanout implements AutoCloseable {

  private static final String PREFIX = "f1007f1007f1007f";

  private final List<Jedis> connections = new ArrayList<>();
  private final List<ExecutorService> threads = new ArrayList<>();
  private final SetParams setParams = SetParams.setParams().nx().px(BenchClients.TTL.toMillis());
  private final String releaseSha;
  private long counter;

  RawFanout(List<HostAndPort> endpoints) {
    String sha = null;
    for (HostAndPort endpoint : endpoints) {
      Jedis jedis = new Jedis(endpoint, BenchClients.jedisConfig());
      sha = jedis.scriptLoad(SequentialRedlock.RELEASE);
      connections.add(jedis);
      threads.add(
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "raw-fanout-" + endpoint.getPort());
                t.setDaemon(true);
                return t;
              }));
    }
    this.releaseSha = sha;
  }

  long acquireRelease(String key) throws InterruptedException {
    String value = PREFIX + HexFormat.of().toHexDigits(counter++);
    int n = connections.size();
    CountDownLatch quorum = new CountDownLatch(RedlockConfig.majorityOf(n));
    onEveryNode(
        jedis -> {
          if ("OK".equals(jedis.set(key, value, setParams))) {
            quorum.countDown();
          }
        });
    if (!quorum.await(1, TimeUnit.SECONDS)) {
      throw new IllegalStateException("raw fan-out: no majority of SET NX within 1 s");
    }
    CountDownLatch all = new CountDownLatch(n);
    List<String> keys = List.of(key);
    List<String> args = List.of(value);
    onEveryNode(
        jedis -> {
          jedis.evalsha(releaseSha, keys, args);
          all.countDown();
        });
    if (!all.await(1, TimeUnit.SECONDS)) {
      throw new IllegalStateException("raw fan-out: release not answered by every node within 1 s");
    }
    return counter;
  }

  /** Sends {@code command} to every node on that node's own thread. */
  private void onEveryNode(Consumer<Jedis> command) {
    for (int i = 0; i < connections.size(); i++) {
      Jedis jedis = connections.get(i);
      threads.get(i).execute(() -> command.accept(jedis));
    }
  }

  @Override
  public void close() {
    threads.forEach(ExecutorService::shutdownNow);
    connections.forEach(Jedis::close);
  }
}
