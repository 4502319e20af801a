package io.redlocklab.harness.nemesis;

import java.util.List;

/**
 * Client pauses ("GC"): while active, each given client stops once for {@code pause_ms} when its
 * thread reaches the pause point (see {@link ClientPauses}). The pause happens on the client's own
 * thread and is recorded there as it happens. Start verifies the arming; stop reports how many
 * clients paused, and fails the fault when none did: an armed pause nobody walked into had no
 * effect.
 */
final class ClientPauseNemesis extends BaseNemesis {

  private final List<Integer> clients;
  private final PausePoint point;
  private final long pauseMillis;
  private ClientPauses.Arm arm;

  ClientPauseNemesis(
      String name,
      NemesisContext context,
      List<Integer> clients,
      PausePoint point,
      long pauseMillis) {
    super(name, context);
    this.clients = List.copyOf(clients);
    this.point = point;
    this.pauseMillis = pauseMillis;
  }

  @Override
  String describe() {
    return "pause clients " + clients + " at " + point + " for " + pauseMillis + " ms";
  }

  @Override
  void inject() {
    arm = context.pauses().arm(name, clients, point, pauseMillis);
  }

  @Override
  String verify() {
    return "armed for "
        + clients.size()
        + " client(s) at "
        + point
        + "; each pause is recorded when the client reaches it";
  }

  @Override
  String heal() {
    arm.disarm();
    if (arm.taken() == 0) {
      // Armed is not in effect: a window no client walked through proves nothing about pauses.
      throw notInEffect("no client of " + clients + " reached " + point + " while it was armed");
    }
    return arm.taken() + " of " + clients.size() + " client(s) paused";
  }
}
