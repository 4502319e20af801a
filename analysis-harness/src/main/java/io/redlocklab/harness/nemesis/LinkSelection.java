package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.cluster.Link;
import io.redlocklab.harness.cluster.RunningCluster;
import java.util.List;

/** Which links a link fault acts on, resolved against the running cluster. */
@FunctionalInterface
interface LinkSelection {

  List<Link> select(RunningCluster cluster);

  /** (client, node) pairs. */
  static LinkSelection clientNodes(List<int[]> pairs) {
    List<int[]> copy = List.copyOf(pairs);
    return cluster -> copy.stream().map(p -> cluster.clientLink(p[0], p[1])).toList();
  }

  /** The given clients' links to the protected resource. */
  static LinkSelection resource(List<Integer> clients) {
    List<Integer> copy = List.copyOf(clients);
    return cluster -> copy.stream().map(cluster::resourceLink).toList();
  }

  /** The given nodes' master→replica links. */
  static LinkSelection replication(List<Integer> nodes) {
    List<Integer> copy = List.copyOf(nodes);
    return cluster ->
        copy.stream().map(node -> cluster.replicationLink(node).orElseThrow()).toList();
  }

  static String names(List<Link> links) {
    return String.join(", ", links.stream().map(Link::name).toList());
  }
}
