package io.redlocklab.core;

import java.util.Optional;

/**
 * One independent Redis master at a fixed address taking part in the quorum; also the address of a
 * sentinel in a {@link SentinelNode}.
 *
 * @param host host name or address
 * @param port TCP port
 * @param password the AUTH password, or null for none
 */
public record RedisNode(String host, int port, String password) implements LockNode {

  public RedisNode {
    if (host == null || host.isBlank()) {
      throw new RedlockArgumentException("node host: must not be empty");
    }
    if (port < 1 || port > 65_535) {
      throw new RedlockArgumentException("node port: must be in 1..65535, was " + port);
    }
  }

  public static RedisNode of(String host, int port) {
    return new RedisNode(host, port, null);
  }

  @Override
  public Optional<String> passwordIfAny() {
    return Optional.ofNullable(password);
  }

  /** {@code host:port}, the node's name in outcomes and messages. */
  @Override
  public String address() {
    return host + ":" + port;
  }

  @Override
  public String toString() {
    return address();
  }
}
