package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.cluster.Link;
import io.redlocklab.harness.cluster.RunningCluster;
import io.redlocklab.harness.cluster.ServerHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Master failover with async replication, per node: cut the replication link (so whatever the
 * replica has not received yet is lost for good), SIGKILL the master, promote the replica with
 * REPLICAOF NO ONE, and point every client's proxy for that node at it. Not healed: the replica
 * stays master. Verified by the replica reporting role:master and every client's proxy reaching it.
 */
final class FailoverNemesis extends BaseNemesis {

  private final List<Integer> nodes;
  private final List<String> promoted = new ArrayList<>();

  FailoverNemesis(String name, NemesisContext context, List<Integer> nodes) {
    super(name, context);
    this.nodes = List.copyOf(nodes);
  }

  @Override
  String describe() {
    return "fail over " + NodeNames.of(context.cluster(), nodes) + " to the replica(s)";
  }

  @Override
  void inject() {
    RunningCluster cluster = context.cluster();
    for (int node : nodes) {
      if (cluster.replica(node).isEmpty()) {
        throw new io.redlocklab.harness.HarnessException(
            name + ": node " + node + " has no replica left to promote");
      }
      Link replication = cluster.replicationLink(node).orElseThrow();
      replication.cut();
      cluster.node(node).kill();
      cluster.promoteReplica(node);
    }
  }

  @Override
  String verify() {
    RunningCluster cluster = context.cluster();
    for (int node : nodes) {
      ServerHandle promotedServer = cluster.node(node);
      String role = Probes.info(promotedServer.address(), "replication", "role");
      if (!role.equals("master")) {
        throw notInEffect(promotedServer.name() + " reports role:" + role);
      }
      String runId = Probes.info(promotedServer.address(), "server", "run_id");
      for (int client = 0; client < cluster.topology().clients(); client++) {
        Link link = cluster.clientLink(client, node);
        String reached = Probes.info(link.endpoint(), "server", "run_id");
        if (!reached.equals(runId)) {
          throw notInEffect(link.name() + " does not reach " + promotedServer.name());
        }
      }
      promoted.add(NodeNames.of(promotedServer));
    }
    return String.join(", ", promoted)
        + " now master (role:master) and reached by every client's proxy";
  }

  @Override
  String heal() {
    // The old masters are dead and their replicas are masters now: there is nothing to undo.
    // The replication links stay cut so that nothing reaches the promoted servers from the past.
    String note = "not healed; master now: " + String.join(", ", promoted);
    promoted.clear();
    return note;
  }
}
