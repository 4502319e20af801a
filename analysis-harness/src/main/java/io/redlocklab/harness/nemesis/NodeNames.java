package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.cluster.RunningCluster;
import io.redlocklab.harness.cluster.ServerHandle;
import java.util.List;

/** Server names with pids (and roles), for history notes: "n0 (pid 123), n1 (pid 124)". */
final class NodeNames {

  private NodeNames() {}

  static String of(RunningCluster cluster, List<Integer> nodes) {
    return of(nodes.stream().map(cluster::node).toList());
  }

  static String of(List<ServerHandle> servers) {
    return String.join(", ", servers.stream().map(NodeNames::of).toList());
  }

  /** "n0 (pid 123)", or "n0 (pid 123, leader)" where the server has a role. */
  static String of(ServerHandle server) {
    List<String> notes = new java.util.ArrayList<>();
    server.pid().ifPresent(pid -> notes.add("pid " + pid));
    server.role().ifPresent(notes::add);
    return notes.isEmpty() ? server.name() : server.name() + " (" + String.join(", ", notes) + ")";
  }
}
