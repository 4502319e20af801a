package io.redlocklab.harness.cluster;

import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.testkit.RedisServerProcess;
import java.util.Optional;
import java.util.OptionalLong;
import redis.clients.jedis.Jedis;

/** A redis-server child process of this JVM, run by the testkit. */
final class LocalServer extends ServerHandle implements AutoCloseable {

  private final RedisServerProcess process;
  private final ServerClock clock;
  private volatile boolean promoted;

  LocalServer(String name, RedisServerProcess process, ServerClock clock) {
    super(name);
    this.process = process;
    this.clock = clock;
  }

  @Override
  public RedisNode address() {
    return RedisNode.of(process.host(), process.port());
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.of(process.pid());
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void kill() {
    process.kill();
  }

  @Override
  public void restart() {
    process.restart();
    if (promoted) {
      // The process was started with --replicaof; a promoted node must come back as a master.
      try (Jedis jedis = Connections.open(address(), 2_000)) {
        jedis.replicaofNoOne();
      } catch (RuntimeException e) {
        throw new HarnessException("cannot make restarted " + name() + " a master again: " + e, e);
      }
    }
  }

  @Override
  public void pause() {
    process.pause();
  }

  @Override
  public void resume() {
    process.resume();
  }

  @Override
  public Optional<ServerClock> clock() {
    return Optional.ofNullable(clock);
  }

  @Override
  String upstreamAddress() {
    return process.host() + ":" + process.port();
  }

  @Override
  void promoted() {
    promoted = true;
  }

  @Override
  public void close() {
    process.close();
  }
}
