package io.redlocklab.harness.nemesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stop-the-world pause of whole client JVMs: SIGSTOP, then SIGCONT. With a point, each client is
 * stopped once when it reports reaching the point, for {@code pause_ms}; without one, the clients
 * are stopped for the fault's whole window. Verified per pause by the JVM's state (T) and by no
 * message at all (its heartbeat thread included) arriving from it while stopped; the child reports
 * the gap its own clock saw separately.
 */
final class ProcessPauseNemesis extends BaseNemesis {

  /** Messages the child wrote just before the signal may still be in flight this long. */
  private static final long SETTLE_MILLIS = 50;

  private final List<Integer> clients;
  private final PausePoint point;
  private final long pauseMillis;
  private final Set<Integer> paused = ConcurrentHashMap.newKeySet();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final Map<Integer, Long> messagesAtStop = new HashMap<>();

  /**
   * @param point where the pause strikes; null to stop the clients for the whole window
   */
  ProcessPauseNemesis(
      String name, NemesisContext context, List<Integer> clients, PausePoint point, long pause) {
    super(name, context);
    this.clients = List.copyOf(clients);
    this.point = point;
    this.pauseMillis = pause;
  }

  @Override
  String describe() {
    return point == null
        ? "SIGSTOP client JVMs " + clients + " until the window ends"
        : "SIGSTOP client JVMs " + clients + " at " + point + " for " + pauseMillis + " ms";
  }

  @Override
  void inject() {
    paused.clear();
    failures.clear();
    for (int client : clients) {
      if (point == null) {
        context.processes().signal(client, "STOP");
        paused.add(client);
      } else {
        context.processes().arm(client, point, name, this::pauseAtPoint);
      }
    }
  }

  @Override
  String verify() {
    if (point != null) {
      return "armed for " + clients.size() + " client JVM(s) at " + point;
    }
    Probes.sleep(SETTLE_MILLIS);
    for (int client : clients) {
      if (!context.processes().stopped(client)) {
        throw notInEffect("client " + client + "'s JVM is not in state T after SIGSTOP");
      }
      messagesAtStop.put(client, context.processes().messagesFrom(client));
    }
    return "client JVMs " + clients + " in state T (stopped)";
  }

  @Override
  String heal() {
    if (point == null) {
      List<String> silent = new ArrayList<>();
      for (int client : clients) {
        long during =
            context.processes().messagesFrom(client) - messagesAtStop.getOrDefault(client, 0L);
        context.processes().signal(client, "CONT");
        silent.add("client " + client + " " + during + " message(s)");
        if (during > 0) {
          failures.add("client " + client + " sent " + during + " message(s) while stopped");
        }
      }
      throwIfFailed();
      return "SIGCONT; while stopped: " + String.join(", ", silent);
    }
    clients.forEach(client -> context.processes().disarm(client, point));
    if (paused.isEmpty()) {
      throw notInEffect("no client JVM of " + clients + " reached " + point + " while armed");
    }
    throwIfFailed();
    return paused.size() + " of " + clients.size() + " client JVM(s) stopped";
  }

  private void throwIfFailed() {
    if (!failures.isEmpty()) {
      throw notInEffect(failures.get(0));
    }
  }

  /** Runs while the client is held at the point: stop it, prove it is stopped, let it go on. */
  private void pauseAtPoint(int client) {
    if (!paused.add(client)) {
      return;
    }
    context.processes().disarm(client, point);
    ClientProcesses processes = context.processes();
    processes.signal(client, "STOP");
    long start = context.clock().nanoTime();
    record("client " + client + " SIGSTOP at " + point + " for " + pauseMillis + " ms");
    Probes.sleep(Math.min(SETTLE_MILLIS, pauseMillis));
    boolean stopped = processes.stopped(client);
    long before = processes.messagesFrom(client);
    Probes.sleep(Math.max(0, pauseMillis - SETTLE_MILLIS));
    long during = processes.messagesFrom(client) - before;
    processes.signal(client, "CONT");
    long end = context.clock().nanoTime();
    record(
        "client "
            + client
            + " SIGCONT at "
            + point
            + " after "
            + Probes.millis(end - start)
            + "; state T: "
            + stopped
            + ", messages while stopped: "
            + during
            + " (heartbeat every "
            + ClientProcesses.HEARTBEAT_MILLIS
            + " ms)");
    if (!stopped || during > 0) {
      failures.add(
          "client "
              + client
              + (stopped ? " sent " + during + " message(s) while stopped" : " was not stopped"));
    }
  }
}
