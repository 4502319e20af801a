package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.cluster.ServerHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * SIGKILL on the nodes' redis-server processes (no shutdown, no final save); healing restarts them
 * on the same port and data directory, so what survives is what the node's persistence mode had
 * written (none: nothing; AOF everysec: all but about the last second; AOF always: every
 * acknowledged write). Verified by the process being gone and connections being refused; the
 * restart notes the new pid and how many keys came back.
 */
final class CrashNodeNemesis extends BaseNemesis {

  private final NodeTarget target;
  private List<Integer> nodes = List.of();
  private final List<ServerHandle> crashed = new ArrayList<>();
  private final List<String> crashedNames = new ArrayList<>();

  CrashNodeNemesis(String name, NemesisContext context, NodeTarget target) {
    super(name, context);
    this.target = target;
  }

  @Override
  void choose() {
    nodes = target.resolve(context.cluster());
  }

  @Override
  String describe() {
    return "SIGKILL " + NodeNames.of(context.cluster(), nodes);
  }

  @Override
  void inject() {
    for (int node : nodes) {
      ServerHandle server = context.cluster().node(node);
      crashedNames.add(NodeNames.of(server));
      crashed.add(server);
      server.kill();
    }
  }

  @Override
  String verify() {
    for (ServerHandle server : crashed) {
      if (server.isAlive()) {
        throw notInEffect(server.name() + " is still running");
      }
      if (server.probeError(server.address(), 500) == null) {
        throw notInEffect(server.name() + " still answers");
      }
    }
    return String.join(", ", crashedNames) + " gone; connections refused";
  }

  @Override
  String heal() {
    List<String> notes = new ArrayList<>();
    for (ServerHandle server : crashed) {
      server.restart();
      notes.add(NodeNames.of(server) + " " + server.restartNote());
    }
    crashed.clear();
    crashedNames.clear();
    return "restarted " + String.join(", ", notes);
  }
}
