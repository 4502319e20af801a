package io.redlocklab.core;

import io.redlocklab.testkit.WithRedisNodes;

@WithRedisNodes(count = 5)
class ClockFlooredQuorumFencedLockIT extends LockContractIT {

  @Override
  RedlockConfig.Builder variant(RedlockConfig.Builder builder) {
    return builder.fencing(FencingMode.QUORUM_CLOCK_FLOOR);
  }
}
