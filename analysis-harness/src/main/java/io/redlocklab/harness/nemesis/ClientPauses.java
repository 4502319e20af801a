package io.redlocklab.harness.nemesis;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.history.HistoryRecord;
import io.redlocklab.harness.history.HistorySink;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client pauses ("GC pauses") at named points of the lock cycle. The workload calls {@link
 * #checkpoint} from each client's own thread at each {@link PausePoint}; when a client-pause fault
 * has armed that (client, point), the thread sleeps there for the fault's pause, once per client
 * per fault window, and the pause is written to the history as it happens. Thread-safe; a
 * checkpoint with nothing armed costs one map lookup.
 */
public final class ClientPauses implements PauseCheckpoint {

  private final HistorySink history;
  private final MonotonicClock clock;
  private final Map<Long, Arm> armed = new ConcurrentHashMap<>();

  public ClientPauses(HistorySink history, MonotonicClock clock) {
    this.history = history;
    this.clock = clock;
  }

  /**
   * Pauses the calling thread when client {@code client} is armed at {@code point}. An interrupt
   * ends the pause early and stays set.
   */
  @Override
  public void checkpoint(int client, PausePoint point) {
    Arm arm = armed.get(key(client, point));
    if (arm == null || !arm.take(client)) {
      return;
    }
    long start = clock.nanoTime();
    record(
        arm, start, "client " + client + " paused at " + point + " for " + arm.pauseMillis + " ms");
    String outcome = "resumed";
    try {
      Thread.sleep(arm.pauseMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = "interrupted";
    }
    long end = clock.nanoTime();
    record(
        arm,
        end,
        "client "
            + client
            + " "
            + outcome
            + " at "
            + point
            + " after "
            + Probes.millis(end - start));
  }

  /** Arms {@code clients} at {@code point} until {@link Arm#disarm()}. */
  Arm arm(String nemesis, List<Integer> clients, PausePoint point, long pauseMillis) {
    Arm arm = new Arm(nemesis, clients, point, pauseMillis);
    for (int client : clients) {
      armed.put(key(client, point), arm);
    }
    return arm;
  }

  private void record(Arm arm, long time, String detail) {
    history.append(HistoryRecord.nemesis(time, arm.nemesis, detail));
  }

  private static long key(int client, PausePoint point) {
    return ((long) client << 8) | point.ordinal();
  }

  /** One fault window: each client pauses at most once in it. */
  final class Arm {

    private final String nemesis;
    private final List<Integer> clients;
    private final PausePoint point;
    private final long pauseMillis;
    private final Set<Integer> taken = ConcurrentHashMap.newKeySet();

    private Arm(String nemesis, List<Integer> clients, PausePoint point, long pauseMillis) {
      this.nemesis = nemesis;
      this.clients = List.copyOf(clients);
      this.point = point;
      this.pauseMillis = pauseMillis;
    }

    private boolean take(int client) {
      return taken.add(client);
    }

    /** Clients that have paused (or are pausing) in this window. */
    int taken() {
      return taken.size();
    }

    /** No further pauses; a pause in progress runs to its end. */
    void disarm() {
      for (int client : clients) {
        armed.remove(key(client, point), this);
      }
    }
  }
}
