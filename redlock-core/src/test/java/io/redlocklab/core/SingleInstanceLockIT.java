package io.redlocklab.core;

import io.redlocklab.testkit.WithRedisNodes;

/** N = 1 is plain single-instance Redis locking: the same client with one node. */
@WithRedisNodes(count = 1)
class SingleInstanceLockIT extends LockContractIT {

  @Override
  RedlockConfig.Builder variant(RedlockConfig.Builder builder) {
    return builder;
  }
}
