package io.redlocklab.core;

import io.redlocklab.testkit.WithRedisNodes;

@WithRedisNodes(count = 3)
class RedlockThreeNodesLockIT extends LockContractIT {

  @Override
  RedlockConfig.Builder variant(RedlockConfig.Builder builder) {
    return builder;
  }
}
