package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.history.Ops;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client crash while it holds a lease: when a client reports reaching the point (by default
 * after-acquire), its JVM is SIGKILLed there, once per client. Its lease is never released, so the
 * others get the lock back only when it expires; the liveness check measures how long that takes.
 */
final class ProcessCrashNemesis extends BaseNemesis {

  private final List<Integer> clients;
  private final PausePoint point;
  private final Set<Integer> killed = ConcurrentHashMap.newKeySet();
  private int killedBefore;

  ProcessCrashNemesis(
      String name, NemesisContext context, List<Integer> clients, PausePoint point) {
    super(name, context);
    this.clients = List.copyOf(clients);
    this.point = point;
  }

  @Override
  String describe() {
    return "SIGKILL client JVMs " + clients + " at " + point;
  }

  @Override
  void inject() {
    killedBefore = killed.size();
    clients.forEach(client -> context.processes().arm(client, point, name, this::killAtPoint));
  }

  @Override
  String verify() {
    return "armed for " + clients.size() + " client JVM(s) at " + point;
  }

  @Override
  String heal() {
    clients.forEach(client -> context.processes().disarm(client, point));
    int now = killed.size() - killedBefore;
    if (now == 0) {
      throw notInEffect("no live client JVM of " + clients + " reached " + point + " while armed");
    }
    return now + " of " + clients.size() + " client JVM(s) killed";
  }

  private void killAtPoint(int client) {
    if (!killed.add(client)) {
      return;
    }
    context.processes().signal(client, "KILL");
    context
        .history()
        .append(Ops.clientKilled(context.clock().nanoTime(), name, client, "at " + point));
  }
}
