package io.redlocklab.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * The N nodes and the I/O pool that talks to them concurrently: one round trip in wall time, not N.
 */
final class NodeGroup implements AutoCloseable {

  private final List<NodeConnection> nodes;
  private final List<String> names;
  private final ExecutorService io;
  private final MonotonicClock clock;

  NodeGroup(RedlockConfig config, ExecutorService io) {
    this.nodes =
        config.nodes().stream()
            .map(
                node ->
                    new NodeConnection(node, config.nodeTimeout(), config.maxConnectionsPerNode()))
            .toList();
    this.names = nodes.stream().map(NodeConnection::name).toList();
    this.io = io;
    this.clock = config.clock();
  }

  int size() {
    return nodes.size();
  }

  /**
   * Sends the command to every node at once. A single node is called on the calling thread: there
   * is nothing to overlap, and a hand-off to the pool and back would be the largest cost.
   */
  Round send(NodeConnection.Command command, NodeConnection.Delivery delivery) {
    long sent = clock.nanoTime();
    List<CompletableFuture<NodeReply>> calls = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      int index = i;
      calls.add(
          nodes.size() == 1
              ? CompletableFuture.completedFuture(call(index, command, delivery))
              : CompletableFuture.supplyAsync(() -> call(index, command, delivery), io));
    }
    return new Round(names, calls, clock, sent);
  }

  /**
   * Sends the command to each node once that node's call in {@code earlier} has finished, so a
   * release can never overtake the acquire it undoes on the same node. A call still under way is
   * followed on the I/O thread that finishes it, with no hand-off (as a per-node queue would); one
   * already finished goes to the pool, or with a single node runs on the calling thread.
   */
  Round sendAfter(Round earlier, NodeConnection.Command command, NodeConnection.Delivery delivery) {
    long sent = clock.nanoTime();
    Thread caller = Thread.currentThread();
    Executor followOn =
        task -> {
          if (Thread.currentThread() == caller) {
            io.execute(task);
          } else {
            task.run();
          }
        };
    List<CompletableFuture<NodeReply>> calls = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      int index = i;
      CompletableFuture<NodeReply> before = earlier.call(i);
      calls.add(
          nodes.size() == 1 && before.isDone()
              ? CompletableFuture.completedFuture(call(index, command, delivery))
              : before.handleAsync((reply, error) -> call(index, command, delivery), followOn));
    }
    return new Round(names, calls, clock, sent);
  }

  private NodeReply call(
      int index, NodeConnection.Command command, NodeConnection.Delivery delivery) {
    return nodes.get(index).call(index, clock, command, delivery);
  }

  /** Runs the command on one node, on the calling thread. */
  NodeReply callOne(int index, NodeConnection.Command command, NodeConnection.Delivery delivery) {
    return call(index, command, delivery);
  }

  @Override
  public void close() {
    nodes.forEach(NodeConnection::close);
  }
}
