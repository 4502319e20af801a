package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.cluster.RunningCluster;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The lock nodes a fault acts on: fixed indices, or {@code leader}, the node that leads its
 * consensus cluster (etcd, ZooKeeper) at the moment the fault starts, as the servers report it.
 */
public sealed interface NodeTarget {

  /** The value of {@code nodes:} that names the leader. */
  String LEADER = "leader";

  /** The fault types whose {@code nodes} may be {@code leader}. */
  Set<FaultType> CHOOSES_LEADER =
      Collections.unmodifiableSet(
          EnumSet.of(FaultType.PARTITION, FaultType.PAUSE_NODE, FaultType.CRASH_NODE));

  /** How long a fault waits for an election in progress before it fails as not in effect. */
  long LEADER_WAIT_MILLIS = 5_000;

  /** The node indices now; a leader is looked up at each call. */
  List<Integer> resolve(RunningCluster cluster);

  /** How {@code fault}'s {@code nodes} read: every node below {@code count} when omitted. */
  static NodeTarget of(Fault fault, int count) {
    return fault.choosesLeader()
        ? new Leader(LEADER_WAIT_MILLIS)
        : new Fixed(fault.indices("nodes", count));
  }

  record Fixed(List<Integer> nodes) implements NodeTarget {
    public Fixed {
      nodes = List.copyOf(nodes);
    }

    @Override
    public List<Integer> resolve(RunningCluster cluster) {
      return nodes;
    }
  }

  record Leader(long waitMillis) implements NodeTarget {
    @Override
    public List<Integer> resolve(RunningCluster cluster) {
      long deadline = System.nanoTime() + waitMillis * 1_000_000;
      while (true) {
        OptionalInt leader = cluster.leader();
        if (leader.isPresent()) {
          return List.of(leader.getAsInt());
        }
        if (System.nanoTime() - deadline > 0) {
          throw new HarnessException(
              "nodes: leader, but no server reports itself leader within " + waitMillis + " ms");
        }
        Probes.sleep(50);
      }
    }
  }
}
