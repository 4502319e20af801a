package io.redlocklab.core;

import java.util.Optional;

/**
 * One member of the quorum: a Redis master at a fixed address ({@link RedisNode}) or a master that
 * Redis Sentinel reports ({@link SentinelNode}).
 */
public sealed interface LockNode permits RedisNode, SentinelNode {

  /** The node's name in outcomes and messages. */
  String address();

  /** The master's AUTH password, if any. */
  Optional<String> passwordIfAny();
}
