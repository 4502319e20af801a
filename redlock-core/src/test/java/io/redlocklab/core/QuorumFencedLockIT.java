package io.redlocklab.core;

import io.redlocklab.testkit.WithRedisNodes;

@WithRedisNodes(count = 5)
class QuorumFencedLockIT extends LockContractIT {

  @Override
  RedlockConfig.Builder variant(RedlockConfig.Builder builder) {
    return builder.fencing(FencingMode.QUORUM);
  }
}
