package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.cluster.Connections;
import io.redlocklab.harness.cluster.Link;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * A {@code reset_peer} toxic on the reply side of links: after {@code timeout_ms} (0 = at once) the
 * connection is reset (TCP RST) instead of answering; the request itself still reaches the server.
 * Verified per link by a SET failing with a connection error; the history notes whether it landed.
 */
final class ResetPeerNemesis extends ReplyToxicNemesis {

  private final long timeoutMillis;

  ResetPeerNemesis(
      String name, NemesisContext context, LinkSelection selection, long timeoutMillis) {
    super(name, context, selection, "reset");
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  String describe() {
    return "reset connections after " + timeoutMillis + " ms on " + selectedNames();
  }

  @Override
  void addToxic(Link link, String toxic) {
    link.addResetPeer(toxic, Link.Direction.DOWNSTREAM, timeoutMillis);
  }

  @Override
  String healedNote() {
    return "connections work again";
  }

  @Override
  String verify() {
    if (measured.isEmpty()) {
      return "toxics in place; no link measurable" + Probes.unmeasured(affected, measured);
    }
    List<Boolean> landed = Probes.inParallel(measured, this::probe);
    long count = landed.stream().filter(Boolean::booleanValue).count();
    return "SET through "
        + measured.size()
        + " link(s) failed with a connection reset; "
        + count
        + " of them landed on the server"
        + Probes.unmeasured(affected, measured);
  }

  /** True when the probe's write landed; throws when the SET was answered. */
  private boolean probe(Link link) {
    String key = Probes.probeKey(name);
    int timeout = (int) Math.min(Integer.MAX_VALUE, timeoutMillis + 1_000);
    try (Jedis jedis = Connections.open(link.endpoint(), timeout)) {
      jedis.set(key, "1", Probes.probeTtl());
    } catch (RuntimeException expected) {
      if (timedOut(expected)) {
        throw notInEffect("SET through " + link.name() + " timed out instead of being reset");
      }
      try (Jedis direct = Connections.open(link.upstream().address(), 2_000)) {
        return direct.exists(key);
      }
    }
    throw notInEffect("SET through " + link.name() + " was answered");
  }

  private static boolean timedOut(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
