package io.redlocklab.core;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A quorum member whose master is found through Redis Sentinel: the client asks the sentinels where
 * {@code masterName} runs, connects there, and follows the sentinels' {@code +switch-master}
 * announcements to the promoted replica after a failover (Jedis's {@code
 * SentineledConnectionProvider}). The sentinels are first asked on the node's first call, not when
 * the client is created (that call can take up to one node timeout per sentinel that does not
 * answer); until one of them answers, every call to this node is an {@code ERROR}.
 *
 * <p><b>What it does not guarantee.</b> Sentinel promotes an asynchronously replicated replica: a
 * lease key the old master acknowledged but had not yet shipped is simply absent on the new master,
 * and a second client can then acquire the same resource while the first still holds a valid lease
 * (Redis, "Distributed Locks with Redis": why failover-based implementations are not enough;
 * Kingsbury, "Jepsen: Redis", 2013, where Sentinel lost 56% of acknowledged writes under a
 * partition). An old master cut off by a partition also keeps granting leases to the clients on its
 * side until it is demoted. {@link RedlockConfig.Builder#replicatedLease} narrows the first window,
 * it does not close it.
 *
 * <p><b>Address map.</b> Where the sentinels report an address this client cannot use as it is (the
 * servers sit behind NAT, or each client reaches them through its own proxy), {@link
 * #withAddressMap} translates it: a reported {@code host:port} found in the map is connected to at
 * the mapped {@code host:port} instead (Jedis's {@code HostAndPortMapper}, Redisson's {@code
 * natMap}). Only master connections are translated; the sentinels are reached at the addresses
 * given here.
 *
 * @param masterName the name the sentinels monitor the master under ({@code sentinel monitor <name>
 *     ...})
 * @param sentinels the sentinels' addresses; their password (null for none) is the sentinels' own
 *     AUTH password and must be the same for all
 * @param password the master's (and replicas') AUTH password, or null for none
 * @param addressMap reported {@code host:port} to the {@code host:port} to connect to; empty for
 *     none
 */
public record SentinelNode(
    String masterName, List<RedisNode> sentinels, String password, Map<String, String> addressMap)
    implements LockNode {

  public SentinelNode {
    if (masterName == null || masterName.isBlank()) {
      throw new RedlockArgumentException(
          "sentinel masterName: must not be empty; use the name of 'sentinel monitor <name>'");
    }
    if (sentinels == null || sentinels.isEmpty()) {
      throw new RedlockArgumentException(
          "sentinel '" + masterName + "': at least one sentinel address is required");
    }
    Set<String> seen = new HashSet<>();
    for (RedisNode sentinel : sentinels) {
      if (sentinel == null) {
        throw new RedlockArgumentException(
            "sentinel '" + masterName + "': a sentinel address must not be null");
      }
      if (!seen.add(sentinel.address())) {
        throw new RedlockArgumentException(
            "sentinel '" + masterName + "': " + sentinel.address() + " is listed twice");
      }
      if (!Objects.equals(sentinel.password(), sentinels.get(0).password())) {
        throw new RedlockArgumentException(
            "sentinel '"
                + masterName
                + "': all sentinels must share one password (Jedis sends the same to each)");
      }
    }
    sentinels = List.copyOf(sentinels);
    addressMap = validAddressMap(masterName, addressMap);
  }

  /** A node without an address map. */
  public SentinelNode(String masterName, List<RedisNode> sentinels, String password) {
    this(masterName, sentinels, password, Map.of());
  }

  /** A master without a password behind sentinels without one. */
  public static SentinelNode of(String masterName, List<RedisNode> sentinels) {
    return new SentinelNode(masterName, sentinels, null);
  }

  /** This node with {@code addressMap} (reported {@code host:port} to the one to connect to). */
  public SentinelNode withAddressMap(Map<String, String> addressMap) {
    return new SentinelNode(masterName, sentinels, password, addressMap);
  }

  private static Map<String, String> validAddressMap(String masterName, Map<String, String> map) {
    if (map == null) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>();
    map.forEach(
        (reported, actual) -> {
          checkHostAndPort(masterName, "address map key", reported);
          checkHostAndPort(masterName, "address map value", actual);
          copy.put(reported, actual);
        });
    return Map.copyOf(copy);
  }

  private static void checkHostAndPort(String masterName, String what, String address) {
    int colon = address == null ? -1 : address.lastIndexOf(':');
    boolean valid = colon > 0;
    if (valid) {
      try {
        int port = Integer.parseInt(address.substring(colon + 1));
        valid = port >= 1 && port <= 65535;
      } catch (NumberFormatException e) {
        valid = false;
      }
    }
    if (!valid) {
      throw new RedlockArgumentException(
          "sentinel '"
              + masterName
              + "': "
              + what
              + " '"
              + address
              + "' is not host:port; write it as e.g. 10.0.0.5:6379");
    }
  }

  /** {@code sentinel:<masterName>@<first sentinel>}, the node's name in outcomes and messages. */
  @Override
  public String address() {
    return "sentinel:" + masterName + "@" + sentinels.get(0).address();
  }

  @Override
  public Optional<String> passwordIfAny() {
    return Optional.ofNullable(password);
  }

  /** The sentinels' own AUTH password, if any. */
  public Optional<String> sentinelPasswordIfAny() {
    return sentinels.get(0).passwordIfAny();
  }

  @Override
  public String toString() {
    return address();
  }
}
