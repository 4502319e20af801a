package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.cluster.Connections;
import io.redlocklab.harness.cluster.Link;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * A {@code timeout} toxic (timeout 0) on the replies of links: requests land, replies never come,
 * and the connections stay open until healed. Verified per link by a SET that gets no reply while
 * its key is visible on the server directly.
 */
final class LostRepliesNemesis extends ReplyToxicNemesis {

  private static final int PROBE_TIMEOUT_MILLIS = 300;

  LostRepliesNemesis(String name, NemesisContext context, LinkSelection selection) {
    super(name, context, selection, "timeout");
  }

  @Override
  String describe() {
    return "drop replies on " + selectedNames();
  }

  @Override
  void addToxic(Link link, String toxic) {
    link.addTimeout(toxic, Link.Direction.DOWNSTREAM, 0);
  }

  @Override
  String healedNote() {
    return "replies flow again";
  }

  @Override
  String verify() {
    if (measured.isEmpty()) {
      return "toxics in place; no link measurable" + Probes.unmeasured(affected, measured);
    }
    List<String> problems = Probes.inParallel(measured, this::probe);
    for (String problem : problems) {
      if (problem != null) {
        throw notInEffect(problem);
      }
    }
    return "SET through "
        + measured.size()
        + " link(s) got no reply in "
        + PROBE_TIMEOUT_MILLIS
        + " ms yet landed on the server: "
        + LinkSelection.names(measured)
        + Probes.unmeasured(affected, measured);
  }

  /** Null when the reply was lost and the write landed; else what went differently. */
  private String probe(Link link) {
    String key = Probes.probeKey(name);
    try (Jedis jedis = Connections.open(link.endpoint(), PROBE_TIMEOUT_MILLIS)) {
      jedis.set(key, "1", Probes.probeTtl());
      return "SET through " + link.name() + " was answered";
    } catch (RuntimeException expected) {
      // no reply: now the key must be there
    }
    try (Jedis direct = Connections.open(link.upstream().address(), 2_000)) {
      return direct.exists(key)
          ? null
          : "SET through " + link.name() + " did not land on " + link.upstream().name();
    }
  }
}
