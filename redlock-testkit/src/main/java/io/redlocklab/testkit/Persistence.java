package io.redlocklab.testkit;

/** How a redis-server keeps its data across a crash. */
public enum Persistence {
  /** No RDB, no AOF: a restarted node comes back empty. */
  NONE,
  /** AOF with {@code appendfsync everysec}: a crash may lose about the last second of writes. */
  AOF_EVERYSEC,
  /** AOF with {@code appendfsync always}: every acknowledged write survives a crash. */
  AOF_ALWAYS
}
