package io.redlocklab.harness.cluster;

import io.redlocklab.core.RedisNode;
import io.redlocklab.testkit.PostgresServer;
import java.io.DataOutputStream;
import java.util.Optional;
import java.util.OptionalLong;

/** The testkit's PostgresServer as the one lock node of a running cluster. */
final class PostgresNode extends ServerHandle {

  /** The SSLRequest code of the frontend/backend protocol. */
  private static final int SSL_REQUEST = 80877103;

  private final PostgresServer server;

  PostgresNode(PostgresServer server) {
    super("n0");
    this.server = server;
  }

  @Override
  public RedisNode address() {
    return RedisNode.of(PostgresServer.HOST, server.port());
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.of(server.pid());
  }

  @Override
  public boolean isAlive() {
    return server.isAlive();
  }

  /** SIGKILL of the postmaster and its backends: every session, and its advisory locks, end. */
  @Override
  public void kill() {
    server.kill();
  }

  @Override
  public void restart() {
    server.restart();
  }

  @Override
  public void pause() {
    server.pause();
  }

  @Override
  public void resume() {
    server.resume();
  }

  @Override
  public Optional<ServerClock> clock() {
    return Optional.empty();
  }

  /** An SSLRequest, which a live server answers with one byte, 'N' (no TLS here) or 'S'. */
  @Override
  public String probeError(RedisNode via, int timeoutMillis) {
    return socketProbe(
        via,
        timeoutMillis,
        (out, in) -> {
          DataOutputStream request = new DataOutputStream(out);
          request.writeInt(8);
          request.writeInt(SSL_REQUEST);
          request.flush();
          int answer = in.read();
          return answer == 'N' || answer == 'S' ? null : "SSLRequest answered " + answer;
        });
  }

  @Override
  public String restartNote() {
    return "accepting connections";
  }

  @Override
  String upstreamAddress() {
    return PostgresServer.HOST + ":" + server.port();
  }
}
