package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.cluster.Link;
import io.redlocklab.harness.cluster.RunningCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts (client, node) links. Mode {@code refuse} disables the proxies: open connections close and
 * new ones are refused. Mode {@code drop} leaves them open but drops every byte both ways, so
 * requests neither land nor get answers and clients wait for their timeouts. Verified by a PING on
 * a new connection through each cut link failing.
 */
final class PartitionNemesis extends BaseNemesis {

  private static final int PROBE_TIMEOUT_MILLIS = 300;

  private final Function<RunningCluster, List<int[]>> chooser;
  private final boolean drop;
  private List<int[]> pairs = List.of();
  private final List<Link> cut = new ArrayList<>();

  /** {@code chooser}: the (client, node) pairs to cut at a start; a leader is looked up there. */
  PartitionNemesis(
      String name,
      NemesisContext context,
      Function<RunningCluster, List<int[]>> chooser,
      boolean drop) {
    super(name, context);
    this.chooser = chooser;
    this.drop = drop;
  }

  @Override
  void choose() {
    pairs = List.copyOf(chooser.apply(context.cluster()));
  }

  private List<Link> links() {
    return LinkSelection.clientNodes(pairs).select(context.cluster());
  }

  @Override
  String describe() {
    return (drop ? "drop traffic on " : "cut ") + LinkSelection.names(links()) + roles();
  }

  /** " (n1: leader)" for cut nodes that have a role in their cluster (etcd, ZooKeeper), else "". */
  private String roles() {
    List<String> roles = new ArrayList<>();
    pairs.stream()
        .map(pair -> pair[1])
        .distinct()
        .sorted()
        .forEach(
            node ->
                context
                    .cluster()
                    .node(node)
                    .role()
                    .ifPresent(role -> roles.add("n" + node + ": " + role)));
    return roles.isEmpty() ? "" : " (" + String.join(", ", roles) + ")";
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
