package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.cluster.RunningCluster;
import io.redlocklab.harness.cluster.ServerHandle;
import java.util.List;

/** Server names with pids, for history notes: "n0 (pid 123), n1 (pid 124)". */
final class NodeNames {

  private NodeNames() {}

  static String of(RunningCluster cluster, List<Integer> nodes) {
    return of(nodes.stream().map(cluster::node).toList());
  }

  static String of(List<ServerHandle> servers) {
    return String.join(", ", servers.stream().map(NodeNames::of).toList());
  }

  static String of(ServerHandle server) {
    return server.pid().isPresent()
        ? server.name() + " (pid " + server.pid().getAsLong() + ")"
        : server.name();
  }
}
