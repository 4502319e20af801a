package io.redlocklab.harness.mode;

import io.redlocklab.core.RedlockConfig;
import io.redlocklab.harness.lockclient.LockClientFactory;
import io.redlocklab.harness.lockclient.LockClientTraits;
import java.util.Objects;

/**
 * One column of the safety matrix (Caffeine's policy registry shape): a name, the servers it needs,
 * a factory for its lock clients and the characteristics it declares.
 *
 * @param id the name scenario files use, e.g. {@code redlock-5-fenced-quorum}
 * @param title the column heading in the report
 * @param group the report's column group
 * @param nodes N, the number of independent lock servers (masters)
 * @param needsReplica every master gets an async replica that a {@code failover} fault can promote
 * @param sentinel the one master and its replica run under three sentinels, and the clients are
 *     given the sentinels (and the master's name) instead of the master; implies needsReplica
 * @param traits what the lock client can take part in: which faults can act on it
 * @param clients builds one workload client's lock client
 * @param summary one sentence for the report's legend
 * @param servers which kind of server the lock nodes are
 */
public record LockMode(
    String id,
    String title,
    Group group,
    int nodes,
    boolean needsReplica,
    boolean sentinel,
    LockClientTraits traits,
    LockClientFactory clients,
    String summary,
    Servers servers) {

  /** What the lock nodes are: which servers the topology starts for the mode. */
  public enum Servers {
    /** Independent redis-server masters (with replicas or sentinels as the mode asks). */
    REDIS,
    /** The members of one 3-member etcd cluster. */
    ETCD
  }

  /** The report's column groups, in order. */
  public enum Group {
    REDLOCK("Redlock (this project)"),
    SINGLE_REDIS("single Redis and Sentinel"),
    REDISSON("Redisson"),
    ETCD("etcd (consensus)");

    private final String title;

    Group(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  public LockMode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(traits, "traits");
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(servers, "servers");
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes must be >= 1, was " + nodes);
    }
    if (sentinel && (nodes != 1 || !needsReplica)) {
      throw new IllegalArgumentException("a Sentinel mode has 1 node with a replica");
    }
  }

  /** A mode on Redis servers. */
  public LockMode(
      String id,
      String title,
      Group group,
      int nodes,
      boolean needsReplica,
      boolean sentinel,
      LockClientTraits traits,
      LockClientFactory clients,
      String summary) {
    this(id, title, group, nodes, needsReplica, sentinel, traits, clients, summary, Servers.REDIS);
  }

  /** A mode without Sentinel. */
  public LockMode(
      String id,
      String title,
      Group group,
      int nodes,
      boolean needsReplica,
      LockClientTraits traits,
      LockClientFactory clients,
      String summary) {
    this(id, title, group, nodes, needsReplica, false, traits, clients, summary);
  }

  /** True when the lease carries a token and the resource rejects older ones. */
  public boolean fenced() {
    return traits.fencing();
  }

  /** A strict majority of the nodes. */
  public int quorum() {
    return RedlockConfig.majorityOf(nodes);
  }
}
