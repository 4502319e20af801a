package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.cluster.ServerClock;
import io.redlocklab.harness.cluster.ServerHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Server wall-clock faults through the LD_PRELOAD clock shim: a step of {@code jump_ms} ({@code
 * clock-jump}) or a rate ({@code clock-drift}). Redis expires keys by its wall clock, so a forward
 * jump shortens every lease on the node. Verified with the TIME command: a jump moves TIME by J
 * (within 50 ms plus half of each TIME round trip, the offsets read at the round trips' midpoints),
 * a drift makes TIME advance {@code rate} × as fast as real time. Healing undoes exactly this
 * fault's own contribution (a jump steps back by J; a drift restores the rate and steps back by the
 * offset it accumulated), so overlapping clock faults on one node compose.
 */
final class ServerClockNemesis extends BaseNemesis {

  private static final long JUMP_TOLERANCE_MICROS = 50_000;
  private static final long DRIFT_SAMPLE_MILLIS = 200;

  private final List<Integer> nodes;
  private final long jumpMillis;
  private final double rate;
  private final List<ServerHandle> changed = new ArrayList<>();
  private final List<Probes.ClockOffset> offsetsBefore = new ArrayList<>();
  private final List<Double> ratesBefore = new ArrayList<>();
  private long driftStartNanos;

  private ServerClockNemesis(
      String name, NemesisContext context, List<Integer> nodes, long jumpMillis, double rate) {
    super(name, context);
    this.nodes = List.copyOf(nodes);
    this.jumpMillis = jumpMillis;
    this.rate = rate;
  }

  static ServerClockNemesis jump(
      String name, NemesisContext context, List<Integer> nodes, long jumpMillis) {
    return new ServerClockNemesis(name, context, nodes, jumpMillis, 1.0);
  }

  static ServerClockNemesis drift(
      String name, NemesisContext context, List<Integer> nodes, double rate) {
    return new ServerClockNemesis(name, context, nodes, 0, rate);
  }

  private boolean isJump() {
    return jumpMillis != 0;
  }

  @Override
  String describe() {
    return (isJump()
            ? "jump the wall clock by " + signed(jumpMillis) + " ms"
            : "run the wall clock at rate " + rate)
        + " on "
        + NodeNames.of(context.cluster(), nodes);
  }

  @Override
  void inject() {
    for (int node : nodes) {
      ServerHandle server = context.cluster().node(node);
      ServerClock clock = clockOf(server);
      offsetsBefore.add(Probes.serverClockOffset(server.address()));
      ratesBefore.add(clock.rate());
      changed.add(server);
      if (isJump()) {
        clock.jump(Duration.ofMillis(jumpMillis));
      } else {
        driftStartNanos = System.nanoTime();
        clock.setRate(rate);
      }
    }
  }

  @Override
  String verify() {
    List<String> measured = new ArrayList<>();
    if (isJump()) {
      for (int i = 0; i < changed.size(); i++) {
        ServerHandle server = changed.get(i);
        Probes.ClockOffset before = offsetsBefore.get(i);
        Probes.ClockOffset after = Probes.serverClockOffset(server.address());
        long moved = after.offsetMicros() - before.offsetMicros();
        long tolerance =
            JUMP_TOLERANCE_MICROS + before.uncertaintyMicros() + after.uncertaintyMicros();
        if (Math.abs(moved - jumpMillis * 1000) > tolerance) {
          throw notInEffect(server.name() + " TIME moved by " + moved / 1000 + " ms");
        }
        measured.add(server.name() + " " + signed(moved / 1000) + " ms");
      }
      return "TIME moved by " + String.join(", ", measured);
    }
    List<Long> starts = new ArrayList<>();
    long realStart = System.nanoTime();
    for (ServerHandle server : changed) {
      starts.add(Probes.serverTimeMicros(server.address()));
    }
    Probes.sleep(DRIFT_SAMPLE_MILLIS);
    long realMicros = (System.nanoTime() - realStart) / 1000;
    for (int i = 0; i < changed.size(); i++) {
      ServerHandle server = changed.get(i);
      double measuredRate =
          (double) (Probes.serverTimeMicros(server.address()) - starts.get(i)) / realMicros;
      if (Math.abs(measuredRate - rate) > 0.1 * rate) {
        throw notInEffect(server.name() + " TIME runs at rate " + format(measuredRate));
      }
      measured.add(server.name() + " " + format(measuredRate));
    }
    return "TIME runs at rate "
        + String.join(", ", measured)
        + " (over "
        + DRIFT_SAMPLE_MILLIS
        + " ms)";
  }

  @Override
  String heal() {
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < changed.size(); i++) {
      ServerHandle server = changed.get(i);
      ServerClock clock = clockOf(server);
      if (isJump()) {
        clock.jump(Duration.ofMillis(-jumpMillis));
      } else {
        // What this drift added: (rate - previous rate) × the real time it ran.
        long gained = (long) ((rate - ratesBefore.get(i)) * (System.nanoTime() - driftStartNanos));
        clock.setRate(ratesBefore.get(i));
        clock.jump(Duration.ofNanos(-gained));
      }
      long offset = Probes.serverTimeMicros(server.address()) / 1000 - System.currentTimeMillis();
      notes.add(server.name() + " (TIME now off real time by " + offset + " ms)");
    }
    changed.clear();
    offsetsBefore.clear();
    ratesBefore.clear();
    return (isJump() ? "jump undone on " : "drift undone on ") + String.join(", ", notes);
  }

  private ServerClock clockOf(ServerHandle server) {
    return server
        .clock()
        .orElseThrow(
            () ->
                new HarnessException(
                    name + ": " + server.name() + " does not run under the clock shim"));
  }

  private static String signed(long value) {
    return value >= 0 ? "+" + value : Long.toString(value);
  }

  private static String format(double rate) {
    return String.format(Locale.ROOT, "%.3f", rate);
  }
}
