package io.redlocklab.harness.cluster;

import io.redlocklab.testkit.ServerBinaries;
import java.util.Optional;

/**
 * What the lock masters of a topology are: Redis, a ZooKeeper ensemble, one PostgreSQL or an etcd
 * cluster.
 */
public enum LockServer {
  REDIS("redis-server"),
  /** The testkit's 3-node ensemble; the nodes are its servers. */
  ZOOKEEPER("zookeeper"),
  /** One postgres, initialised in the run directory. */
  POSTGRES("postgres"),
  /** The testkit's 3-member etcd cluster; the nodes are its members. */
  ETCD("etcd");

  private final String title;

  LockServer(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /** True when the servers elect a leader among themselves (a fault can choose it by role). */
  public boolean hasLeader() {
    return this == ZOOKEEPER || this == ETCD;
  }

  /**
   * One line naming the missing package of a reference server and how to install it; empty when it
   * is there (Redis is checked by the backend itself).
   */
  public Optional<String> missing() {
    return switch (this) {
      case REDIS -> Optional.empty();
      case ZOOKEEPER -> ServerBinaries.missingZooKeeper();
      case POSTGRES -> ServerBinaries.missingPostgres();
      case ETCD -> ServerBinaries.missingEtcd();
    };
  }
}
