package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.cluster.Link;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts (client, node) links. Mode {@code refuse} disables the proxies: open connections close and
 * new ones are refused. Mode {@code drop} leaves them open but drops every byte both ways, so
 * requests neither land nor get answers and clients wait for their timeouts. Verified by a PING on
 * a new connection through each cut link failing.
 */
final class PartitionNemesis extends BaseNemesis {

  private static final int PROBE_TIMEOUT_MILLIS = 300;

  private final List<int[]> pairs;
  private final boolean drop;
  private final List<Link> cut = new ArrayList<>();

  PartitionNemesis(String name, NemesisContext context, List<int[]> pairs, boolean drop) {
    super(name, context);
    this.pairs = List.copyOf(pairs);
    this.drop = drop;
  }

  private List<Link> links() {
    return LinkSelection.clientNodes(pairs).select(context.cluster());
  }

  @Override
  String describe() {
    return (drop ? "drop traffic on " : "cut ") + LinkSelection.names(links());
  }

  @Override
  void inject() {
    for (Link link : links()) {
      if (drop) {
        link.addTimeout(toxic(Link.Direction.UPSTREAM), Link.Direction.UPSTREAM, 0);
        cut.add(link);
        link.addTimeout(toxic(Link.Direction.DOWNSTREAM), Link.Direction.DOWNSTREAM, 0);
      } else {
        link.cut();
        cut.add(link);
      }
    }
  }

  @Override
  String verify() {
    List<String> errors =
        Probes.inParallel(
            cut, link -> link.upstream().probeError(link.endpoint(), PROBE_TIMEOUT_MILLIS));
    for (int i = 0; i < cut.size(); i++) {
      if (errors.get(i) == null) {
        throw notInEffect("a probe through " + cut.get(i).name() + " still answers");
      }
    }
    return "probe fails through "
        + cut.size()
        + " link(s): "
        + LinkSelection.names(cut)
        + " ("
        + (drop ? "no reply in " + PROBE_TIMEOUT_MILLIS + " ms" : "connection refused")
        + ")";
  }

  @Override
  String heal() {
    for (Link link : cut) {
      if (drop) {
        link.removeToxic(toxic(Link.Direction.UPSTREAM));
        link.removeToxic(toxic(Link.Direction.DOWNSTREAM));
      } else {
        link.restore();
      }
    }
    String healed = LinkSelection.names(cut);
    cut.clear();
    return "restored " + healed;
  }

  private String toxic(Link.Direction direction) {
    return name + "-drop-" + direction.name().toLowerCase(java.util.Locale.ROOT);
  }
}
