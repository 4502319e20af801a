package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.cluster.Link;
import io.redlocklab.harness.cluster.ServerHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts master→replica links: the replicas stop receiving writes. Verified by each replica reporting
 * {@code master_link_status:down}; healing waits for it to be {@code up} again (partial resync).
 */
final class CutReplicationNemesis extends BaseNemesis {

  private static final long STATUS_TIMEOUT_MILLIS = 5_000;

  private final List<Integer> nodes;
  private final List<Link> cut = new ArrayList<>();
  private final List<Integer> cutNodes = new ArrayList<>();

  CutReplicationNemesis(String name, NemesisContext context, List<Integer> nodes) {
    super(name, context);
    this.nodes = List.copyOf(nodes);
  }

  @Override
  String describe() {
    return "cut replication of " + NodeNames.of(context.cluster(), nodes);
  }

  @Override
  void inject() {
    for (int node : nodes) {
      Link link =
          context
              .cluster()
              .replicationLink(node)
              .orElseThrow(
                  () -> new HarnessException(name + ": node " + node + " has no replication link"));
      link.cut();
      cut.add(link);
      cutNodes.add(node);
    }
  }

  @Override
  String verify() {
    List<String> replicas = new ArrayList<>();
    for (int node : cutNodes) {
      ServerHandle replica = replicaOf(node);
      if (!awaitLinkStatus(replica, "down")) {
        throw notInEffect(replica.name() + " still reports master_link_status:up");
      }
      replicas.add(replica.name());
    }
    return "master_link_status:down on " + String.join(", ", replicas);
  }

  @Override
  String heal() {
    for (Link link : cut) {
      link.restore();
    }
    List<String> notes = new ArrayList<>();
    for (int node : cutNodes) {
      Optional<ServerHandle> replica = context.cluster().replica(node);
      if (replica.isEmpty()) {
        notes.add("node " + node + " was failed over (nothing to resync)");
      } else {
        notes.add(
            replica.get().name()
                + (awaitLinkStatus(replica.get(), "up")
                    ? " in sync again"
                    : " NOT in sync within " + STATUS_TIMEOUT_MILLIS + " ms"));
      }
    }
    cut.clear();
    cutNodes.clear();
    return "restored replication: " + String.join(", ", notes);
  }

  private ServerHandle replicaOf(int node) {
    return context
        .cluster()
        .replica(node)
        .orElseThrow(() -> new HarnessException(name + ": node " + node + " has no replica"));
  }

  private static boolean awaitLinkStatus(ServerHandle replica, String status) {
    long deadline = System.nanoTime() + STATUS_TIMEOUT_MILLIS * 1_000_000;
    while (System.nanoTime() - deadline < 0) {
      if (status.equals(Probes.info(replica.address(), "replication", "master_link_status"))) {
        return true;
      }
      Probes.sleep(20);
    }
    return false;
  }
}
