package io.redlocklab.core;

import java.time.Duration;

/**
 * The replicated-lease option: after a write the lease relies on (the acquire's {@code SET NX} or
 * fenced acquire script, the fencing counter's raise, an extend) the node counts as {@code OK} only
 * if {@code WAIT replicas waitTimeout}, sent on the same connection right after the write, reports
 * at least {@code replicas} replicas that acknowledged it. Otherwise the node's outcome is {@code
 * ERROR} ("WAIT: 0 of 1 replicas acknowledged within 20 ms") and, as for any failed attempt, what
 * the attempt wrote is released on every node.
 *
 * <p><b>What it does not guarantee.</b> {@code WAIT} does not make Redis strongly consistent (see
 * the {@code WAIT} command's documentation, "Consistency and WAIT"): the write is in the replicas'
 * memory, not necessarily on disk; Sentinel promotes the best replica it can reach, which need not
 * be one that acknowledged, so an acknowledged write can still be lost on failover (with two or
 * more replicas, or when the acknowledging replica is unreachable or restarted); an old master cut
 * off by a partition keeps accepting writes from the clients on its side, and the lease a client
 * got there is then backed by nothing once the partition heals (Kingsbury, "Jepsen: Redis", 2013;
 * "Asynchronous replication with failover", 2013). Writes not listed above (the release, a {@link
 * FencingMode#SINGLE_NODE} token's {@code INCR}) are not waited for.
 *
 * @param replicas how many replicas must acknowledge, at least 1
 * @param waitTimeout how long {@code WAIT} may block, at least 1 ms and at most half the node
 *     timeout, so that the write's round trip and the {@code WAIT} fit in one node timeout
 */
public record ReplicatedLease(int replicas, Duration waitTimeout) {}
