package io.redlocklab.harness.cluster;

import io.redlocklab.core.RedisNode;
import io.redlocklab.testkit.ZooKeeperEnsemble;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/** Node {@code i} of the testkit's ZooKeeper ensemble, as a lock node of a running cluster. */
final class ZooKeeperNode extends ServerHandle {

  private final ZooKeeperEnsemble ensemble;
  private final int index;

  ZooKeeperNode(ZooKeeperEnsemble ensemble, int index) {
    super("n" + index);
    this.ensemble = ensemble;
    this.index = index;
  }

  @Override
  public RedisNode address() {
    return RedisNode.of(ZooKeeperEnsemble.HOST, ensemble.directClientPort(index));
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.of(ensemble.pid(index));
  }

  @Override
  public boolean isAlive() {
    return ensemble.isAlive(index);
  }

  @Override
  public void kill() {
    ensemble.kill(index);
  }

  /**
   * Starts the node again on its data (the transaction log it fsynced) and waits until it serves.
   */
  @Override
  public void restart() {
    ensemble.restart(index);
  }

  @Override
  public void pause() {
    ensemble.pause(index);
  }

  @Override
  public void resume() {
    ensemble.resume(index);
  }

  @Override
  public Optional<ServerClock> clock() {
    return Optional.empty();
  }

  /** The four-letter command {@code ruok}, answered {@code imok}. */
  @Override
  public String probeError(RedisNode via, int timeoutMillis) {
    return socketProbe(
        via,
        timeoutMillis,
        (out, in) -> {
          out.write("ruok".getBytes(StandardCharsets.US_ASCII));
          String answer = new String(in.readNBytes(4), StandardCharsets.US_ASCII);
          return answer.equals("imok") ? null : "ruok answered '" + answer + "'";
        });
  }

  /** "leader" or "follower", from {@code srvr} on its own port; empty while it does not serve. */
  @Override
  public Optional<String> role() {
    return ensemble.mode(index);
  }

  @Override
  public String restartNote() {
    return "serving as " + ensemble.mode(index).orElse("(no answer)");
  }

  @Override
  String upstreamAddress() {
    return ZooKeeperEnsemble.HOST + ":" + ensemble.directClientPort(index);
  }
}
