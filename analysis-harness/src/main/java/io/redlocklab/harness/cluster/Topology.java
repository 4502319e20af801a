package io.redlocklab.harness.cluster;

import io.redlocklab.harness.InputException;
import io.redlocklab.testkit.Persistence;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run needs started: N independent lock masters (each optionally with an async replica), K
 * clients, and one protected-resource Redis, which is always there. Immutable and validated: {@link
 * Builder#build()} throws a one-line {@link InputException} for an impossible topology, before any
 * process is started.
 */
public final class Topology {

  public static final int MAX_MASTERS = 9;
  public static final int MAX_CLIENTS = 64;

  private final int masters;
  private final boolean replicas;
  private final int clients;
  private final List<Persistence> persistence;
  private final boolean serverClocks;
  private final boolean sentinel;
  private final LockServer server;

  private Topology(Builder builder, List<Persistence> persistence) {
    this.masters = builder.masters;
    this.replicas = builder.replicas;
    this.clients = builder.clients;
    this.persistence = List.copyOf(persistence);
    this.serverClocks = builder.serverClocks;
    this.sentinel = builder.sentinel;
    this.server = builder.server;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Number of lock masters (the N of Redlock), 1..9. */
  public int masters() {
    return masters;
  }

  /** True when every master has an async replica, reached through its own replication proxy. */
  public boolean replicas() {
    return replicas;
  }

  /** Number of lock clients, each with its own proxy per node and to the resource. */
  public int clients() {
    return clients;
  }

  /** Persistence of master {@code node}; replicas and the resource never persist. */
  public Persistence persistence(int node) {
    return persistence.get(node);
  }

  /**
   * True when every lock server (masters and replicas) runs under the clock shim, so that
   * clock-jump and clock-drift faults can move its wall clock.
   */
  public boolean serverClocks() {
    return serverClocks;
  }

  /**
   * True when the one master and its replica are watched by three {@code redis-sentinel}s, which
   * the clients ask for the master (see CLUSTER.md); implies {@link #replicas()}.
   */
  public boolean sentinel() {
    return sentinel;
  }

  /** What the lock masters are; the protected resource is always Redis. */
  public LockServer server() {
    return server;
  }

  /** Number of client-side proxies: one per (client, node) and per (client, resource). */
  int clientLinks() {
    return clients * (masters + 1);
  }

  /**
   * Parses a scenario file's persistence name: {@code none}, {@code everysec} or {@code always}
   * (also accepted: the enum names and {@code aof-everysec} / {@code aof-always}).
   */
  public static Persistence parsePersistence(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (key) {
      case "none", "off" -> Persistence.NONE;
      case "everysec", "aof-everysec" -> Persistence.AOF_EVERYSEC;
      case "always", "aof-always" -> Persistence.AOF_ALWAYS;
      default ->
          throw new InputException(
              "topology: persistence must be none, everysec or always, was '" + name + "'");
    };
  }

  @Override
  public String toString() {
    return "Topology[masters="
        + masters
        + ", replicas="
        + replicas
        + ", clients="
        + clients
        + ", persistence="
        + persistence
        + ", serverClocks="
        + serverClocks
        + (sentinel ? ", sentinel" : "")
        + (server == LockServer.REDIS ? "" : ", " + server.title())
        + "]";
  }

  /** Collects values; nothing is checked until {@link #build()}. */
  public static final class Builder {

    private int masters = 3;
    private boolean replicas;
    private int clients = 1;
    private Persistence allNodes = Persistence.NONE;
    private final Map<Integer, Persistence> perNode = new LinkedHashMap<>();
    private boolean serverClocks;
    private boolean sentinel;
    private LockServer server = LockServer.REDIS;

    private Builder() {}

    /** What the lock masters are (default Redis). */
    public Builder server(LockServer server) {
      this.server = server;
      return this;
    }

    public Builder masters(int masters) {
      this.masters = masters;
      return this;
    }

    public Builder replicas(boolean replicas) {
      this.replicas = replicas;
      return this;
    }

    public Builder clients(int clients) {
      this.clients = clients;
      return this;
    }

    /** Persistence of every master not given its own. Default {@link Persistence#NONE}. */
    public Builder persistence(Persistence persistence) {
      this.allNodes = persistence;
      return this;
    }

    /** Persistence of master {@code node} (0-based). */
    public Builder persistence(int node, Persistence persistence) {
      perNode.put(node, persistence);
      return this;
    }

    public Builder serverClocks(boolean serverClocks) {
      this.serverClocks = serverClocks;
      return this;
    }

    /** One master and one replica under three sentinels; needs masters(1). */
    public Builder sentinel(boolean sentinel) {
      this.sentinel = sentinel;
      return this;
    }

    /** The topology, or a one-line {@link InputException} naming the first bad value. */
    public Topology build() {
      if (masters < 1 || masters > MAX_MASTERS) {
        throw new InputException(
            "topology: masters must be in 1.." + MAX_MASTERS + ", was " + masters);
      }
      if (clients < 1 || clients > MAX_CLIENTS) {
        throw new InputException(
            "topology: clients must be in 1.." + MAX_CLIENTS + ", was " + clients);
      }
      if (sentinel && masters != 1) {
        throw new InputException("topology: a Sentinel topology has 1 master, was " + masters);
      }
      if (sentinel && serverClocks) {
        throw new InputException("topology: a Sentinel topology cannot run the clock shim");
      }
      if (server == null) {
        throw new InputException("topology: the lock server is missing");
      }
      int size =
          switch (server) {
            case REDIS -> masters;
            case ZOOKEEPER -> io.redlocklab.testkit.ZooKeeperEnsemble.SIZE;
            case POSTGRES -> 1;
            case ETCD -> io.redlocklab.testkit.EtcdCluster.SIZE;
          };
      if (masters != size) {
        throw new InputException(
            "topology: a " + server.title() + " topology has " + size + " node(s), was " + masters);
      }
      if (server != LockServer.REDIS && (replicas || sentinel || serverClocks)) {
        throw new InputException(
            "topology: a "
                + server.title()
                + " topology has no replicas, sentinels or server clocks");
      }
      if (sentinel) {
        replicas = true;
      }
      if (allNodes == null) {
        throw new InputException("topology: persistence must be none, everysec or always");
      }
      Persistence[] persistence = new Persistence[masters];
      Arrays.fill(persistence, allNodes);
      for (Map.Entry<Integer, Persistence> entry : perNode.entrySet()) {
        int node = entry.getKey();
        if (node < 0 || node >= masters) {
          throw new InputException(
              "topology: persistence names node " + node + " but nodes are 0.." + (masters - 1));
        }
        if (entry.getValue() == null) {
          throw new InputException("topology: persistence of node " + node + " is missing");
        }
        persistence[node] = entry.getValue();
      }
      return new Topology(this, List.of(persistence));
    }
  }
}
