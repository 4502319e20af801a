package io.redlocklab.core;

import io.redlocklab.testkit.WithRedisNodes;

@WithRedisNodes(count = 5)
class SingleNodeFencedLockIT extends LockContractIT {

  @Override
  RedlockConfig.Builder variant(RedlockConfig.Builder builder) {
    return builder.fencing(FencingMode.SINGLE_NODE).fencingNode(2);
  }
}
