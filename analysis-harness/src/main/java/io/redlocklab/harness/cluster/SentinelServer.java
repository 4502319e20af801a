package io.redlocklab.harness.cluster;

import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.testkit.RedisSentinelProcess;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code redis-sentinel} of a Sentinel topology, as the upstream of a client's own link to it.
 * The sentinels themselves are never signalled by a fault: the process operations throw.
 */
final class SentinelServer extends ServerHandle {

  private final RedisSentinelProcess process;

  SentinelServer(String name, RedisSentinelProcess process) {
    super(name);
    this.process = process;
  }

  @Override
  public RedisNode address() {
    return RedisNode.of(RedisSentinelProcess.HOST, process.port());
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.of(process.pid());
  }

  @Override
  public boolean isAlive() {
    return ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  @Override
  public void kill() {
    throw notSignalled("kill");
  }

  @Override
  public void restart() {
    throw notSignalled("restart");
  }

  @Override
  public void pause() {
    throw notSignalled("pause");
  }

  @Override
  public void resume() {
    throw notSignalled("resume");
  }

  @Override
  public Optional<ServerClock> clock() {
    return Optional.empty();
  }

  private HarnessException notSignalled(String what) {
    return new HarnessException(
        "cannot " + what + " " + name() + ": faults never signal a sentinel");
  }

  @Override
  String upstreamAddress() {
    return address().address();
  }
}
