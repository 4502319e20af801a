package io.redlocklab.harness.cluster;

import io.redlocklab.core.RedisNode;
import io.redlocklab.testkit.EtcdCluster;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Member {@code i} of the testkit's 3-member {@link EtcdCluster}, as a lock node: the harness's
 * client proxies forward to its own client port, and process faults act on its etcd process. No
 * server clock: etcd is a Go binary and reads the clock without libc (FAULTS.md).
 */
final class EtcdMember extends ServerHandle {

  private final EtcdCluster cluster;
  private final int index;
  private final RedisNode address;
  private volatile boolean paused;

  EtcdMember(EtcdCluster cluster, int index) {
    super("n" + index);
    this.cluster = cluster;
    this.index = index;
    URI direct = URI.create(cluster.directEndpoint(index));
    this.address = RedisNode.of(direct.getHost(), direct.getPort());
  }

  /** host:port of the member's own client port (not Redis: only a host and a port). */
  @Override
  public RedisNode address() {
    return address;
  }

  @Override
  public OptionalLong pid() {
    return cluster.isAlive(index) ? OptionalLong.of(cluster.pid(index)) : OptionalLong.empty();
  }

  @Override
  public boolean isAlive() {
    return cluster.isAlive(index);
  }

  @Override
  public void kill() {
    cluster.kill(index);
  }

  /** Starts the member again on its data dir; returns once it sees a leader. */
  @Override
  public void restart() {
    cluster.restart(index);
  }

  @Override
  public void pause() {
    cluster.pause(index);
    paused = true;
  }

  @Override
  public void resume() {
    cluster.resume(index);
    paused = false;
  }

  @Override
  public Optional<ServerClock> clock() {
    return Optional.empty();
  }

  /**
   * {@code GET /version} over HTTP/1.1 on a new connection, which etcd 3.4 answers on its client
   * port from the process alone (no leader or quorum needed): a paused, killed or cut member does
   * not answer.
   */
  @Override
  public String probeError(RedisNode via, int timeoutMillis) {
    return socketProbe(
        via,
        timeoutMillis,
        (out, in) -> {
          out.write(
              ("GET /version HTTP/1.1\r\nHost: " + via.address() + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          String status = statusLine(in);
          return status.startsWith("HTTP/1.1 200")
              ? null
              : "GET /version answered '" + status + "'";
        });
  }

  /** The first line of the answer, without its line end; throws when none comes in time. */
  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed after " + line.length() + " byte(s)");
      }
      line.append((char) b);
    }
    return line.toString().strip();
  }

  /** Back in the cluster: the leader it sees (restart() returned once it saw one). */
  @Override
  public String restartNote() {
    OptionalInt leader = cluster.leader();
    return "serving, leader " + (leader.isPresent() ? "n" + leader.getAsInt() : "(none now)");
  }

  /**
   * "leader" or "follower", as the members report it now; empty while this member is stopped or
   * gone (it cannot say, and the others may not have elected a new leader yet).
   */
  @Override
  public Optional<String> role() {
    if (paused || !isAlive()) {
      return Optional.empty();
    }
    return Optional.of(cluster.leader().orElse(-1) == index ? "leader" : "follower");
  }

  @Override
  String upstreamAddress() {
    return address.host() + ":" + address.port();
  }
}
