package io.redlocklab.harness.soak;

import java.util.List;

/**
 * The lab's own resources at one moment of a soak.
 *
 * @param elapsedSeconds since the soak started
 * @param phase before, during (every sampling interval), segment-end (each segment's workload done,
 *     its servers still up) or after
 * @param mode the mode whose segment was running (empty before and after)
 * @param redisServers live redis-server processes started by this JVM (its descendants)
 * @param toxiproxyServers live toxiproxy-server processes started by this JVM
 * @param otherProcesses every other live process started by this JVM: etcd, ZooKeeper, PostgreSQL
 *     and redis-sentinel servers, and client JVMs
 * @param clientsPerNode connected clients of each live redis-server ({@code CLIENT LIST}: those
 *     connected for 2 s or more, so not our own); a node that did not answer (paused) is left out
 * @param threads live JVM threads
 * @param openFiles open file descriptors of this JVM ({@code /proc/self/fd}), less its port-block
 *     locks
 * @param portBlockLocks the port-block lock files this JVM holds ({@code FreePorts}: at most {@code
 *     FreePorts.MAX_BLOCKS}, held for the JVM's life by design)
 * @param heapAfterGcBytes heap in use right after {@code System.gc()}
 */
public record ResourceSample(
    long elapsedSeconds,
    String phase,
    String mode,
    int redisServers,
    int toxiproxyServers,
    int otherProcesses,
    List<Integer> clientsPerNode,
    int threads,
    long openFiles,
    int portBlockLocks,
    long heapAfterGcBytes) {

  public ResourceSample {
    clientsPerNode = List.copyOf(clientsPerNode);
  }

  /** This sample, taken while a segment of {@code mode} ran. */
  public ResourceSample during(String mode) {
    return new ResourceSample(
        elapsedSeconds,
        phase,
        mode,
        redisServers,
        toxiproxyServers,
        otherProcesses,
        clientsPerNode,
        threads,
        openFiles,
        portBlockLocks,
        heapAfterGcBytes);
  }

  /** The most clients any node had; 0 with no node. */
  public int maxClientsPerNode() {
    return clientsPerNode.stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  public long heapAfterGcMiB() {
    return heapAfterGcBytes / (1024 * 1024);
  }
}
