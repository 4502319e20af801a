package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.HarnessException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Client clock drift: the clients' injected monotonic clocks run at {@code rate} × real time, so
 * their Redlock measures elapsed time and validity wrongly. Verified by timing each clock against
 * the run clock over a short interval; healing sets the rate back.
 */
final class ClientClockNemesis extends BaseNemesis {

  private static final long SAMPLE_MILLIS = 20;

  private final List<Integer> clients;
  private final double rate;
  private final List<Integer> changed = new ArrayList<>();
  private final List<Double> previous = new ArrayList<>();

  ClientClockNemesis(String name, NemesisContext context, List<Integer> clients, double rate) {
    super(name, context);
    this.clients = List.copyOf(clients);
    this.rate = rate;
  }

  @Override
  String describe() {
    return "clients " + clients + " clock rate " + rate;
  }

  @Override
  void inject() {
    for (int client : clients) {
      DriftingClock clock = clock(client);
      previous.add(clock.rate());
      changed.add(client);
      clock.setRate(rate);
    }
  }

  @Override
  String verify() {
    List<String> measured = new ArrayList<>();
    long realStart = context.clock().nanoTime();
    long[] starts = new long[changed.size()];
    for (int i = 0; i < changed.size(); i++) {
      starts[i] = clock(changed.get(i)).nanoTime();
    }
    Probes.sleep(SAMPLE_MILLIS);
    long real = context.clock().nanoTime() - realStart;
    for (int i = 0; i < changed.size(); i++) {
      double ratio = (double) (clock(changed.get(i)).nanoTime() - starts[i]) / real;
      if (Math.abs(ratio - rate) > 0.1 * rate) {
        throw notInEffect("client " + changed.get(i) + " clock runs at " + format(ratio));
      }
      measured.add("client " + changed.get(i) + " " + format(ratio));
    }
    return "clock rate measured over " + Probes.millis(real) + ": " + String.join(", ", measured);
  }

  @Override
  String heal() {
    for (int i = 0; i < changed.size(); i++) {
      clock(changed.get(i)).setRate(previous.get(i));
    }
    String note = "clients " + changed + " clock rate back to " + previous;
    changed.clear();
    previous.clear();
    return note;
  }

  private DriftingClock clock(int client) {
    if (client >= context.clientClocks().size()) {
      throw new HarnessException(
          name
              + ": no injected clock for client "
              + client
              + " (the runner must give one per client)");
    }
    return context.clientClocks().get(client);
  }

  private static String format(double ratio) {
    return String.format(Locale.ROOT, "×%.3f", ratio);
  }
}
