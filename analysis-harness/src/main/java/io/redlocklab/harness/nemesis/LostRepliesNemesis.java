package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.cluster.Connections;
import io.redlocklab.harness.cluster.Link;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * A {@code timeout} toxic (timeout 0) on the replies of links: requests land, replies never come, and
 * the connections stay open until healed. Verified per link by a SET that gets no reply while its key
 * is visible on the server directly.
 */
final class LostRepliesNemesis extends BaseNemesis {

  private static final int PROBE_TIMEOUT_MILLIS = 300;

  private final LinkSelection selection;
  private final List<Link> affected = new ArrayList<>();
  private List<Link> measured = List.of();

  LostRepliesNemesis(String name, NemesisContext context, LinkSelection selection) {
    super(name, context);
    this.selection = selection;
  }

  @Override
  String describe() {
    return "drop replies on " + LinkSelection.names(selection.select(context.cluster()));
  }

  @Override
  void inject() {
    List<Link> links = selection.select(context.cluster());
    measured = Probes.answering(links);
    for (Link link : links) {
      affected.add(link);
      link.addTimeout(toxic(), Link.Direction.DOWNSTREAM, 0);
    }
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
    return "SET through " + measured.size() + " link(s) got no reply in " + PROBE_TIMEOUT_MILLIS
        + " ms yet landed on the server: " + LinkSelection.names(measured)
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
      return direct.exists(key) ? null : "SET through " + link.name() + " did not land on "
          + link.upstream().name();
    }
  }

  @Override
  String heal() {
    for (Link link : affected) {
      link.removeToxic(toxic());
    }
    String healed = LinkSelection.names(affected);
    affected.clear();
    return "replies flow again on " + healed;
  }

  private String toxic() {
    return name + "-timeout";
  }
}
