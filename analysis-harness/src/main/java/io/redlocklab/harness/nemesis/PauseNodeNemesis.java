package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.cluster.ServerHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * SIGSTOP on the nodes' redis-server processes: they keep their sockets and answer nothing (a
 * stop-the-world pause); SIGCONT heals. Verified by a direct PING getting no reply, and by PING
 * answering again after the resume.
 */
final class PauseNodeNemesis extends BaseNemesis {

  private static final int PROBE_TIMEOUT_MILLIS = 200;

  private final NodeTarget target;
  private List<Integer> nodes = List.of();
  private final List<ServerHandle> paused = new ArrayList<>();

  PauseNodeNemesis(String name, NemesisContext context, NodeTarget target) {
    super(name, context);
    this.target = target;
  }

  @Override
  void choose() {
    nodes = target.resolve(context.cluster());
  }

  @Override
  String describe() {
    return "SIGSTOP " + NodeNames.of(context.cluster(), nodes);
  }

  @Override
  void inject() {
    for (int node : nodes) {
      ServerHandle server = context.cluster().node(node);
      paused.add(server);
      server.pause();
    }
  }

  @Override
  String verify() {
    List<String> errors =
        Probes.inParallel(
            paused, server -> server.probeError(server.address(), PROBE_TIMEOUT_MILLIS));
    for (int i = 0; i < paused.size(); i++) {
      if (errors.get(i) == null) {
        throw notInEffect(paused.get(i).name() + " still answers its probe");
      }
    }
    return "direct probe gets no reply within "
        + PROBE_TIMEOUT_MILLIS
        + " ms on "
        + NodeNames.of(paused);
  }

  @Override
  String heal() {
    for (ServerHandle server : paused) {
      server.resume();
    }
    List<ServerHandle> resumed = List.copyOf(paused);
    paused.clear();
    List<Boolean> answers = Probes.inParallel(resumed, server -> awaitAnswer(server, 5_000));
    return "SIGCONT "
        + NodeNames.of(resumed)
        + (answers.contains(false) ? "; NOT all answer within 5 s" : "; answering again");
  }

  private static boolean awaitAnswer(ServerHandle server, long timeoutMillis) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (System.nanoTime() - deadline < 0) {
      if (server.probeError(server.address(), 500) == null) {
        return true;
      }
      Probes.sleep(10);
    }
    return false;
  }
}
