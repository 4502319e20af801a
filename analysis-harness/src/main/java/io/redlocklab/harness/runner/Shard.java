package io.redlocklab.harness.runner;

import io.redlocklab.harness.InputException;
import io.redlocklab.harness.scenario.Suite;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --shard i/n}: the i-th of n deterministic, balanced parts of a run's units (one unit = one
 * trial of one cell). Units are dealt longest first (estimated cost: the workload's duration plus
 * {@link #SETUP_MILLIS}; ties by suite order) to the least loaded shard (ties: the lowest index),
 * so every shard gets about the same run time and the same suite always splits the same way.
 *
 * @param index 1-based
 * @param count how many shards
 */
public record Shard(int index, int count) {

  /** The whole run as one shard. */
  public static final Shard ALL = new Shard(1, 1);

  /** A unit's estimated set-up plus tear-down (servers, proxies, checks) beside its duration. */
  static final long SETUP_MILLIS = 3_000;

  private static final Pattern FORM = Pattern.compile("([0-9]{1,6})/([0-9]{1,6})");

  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new InputException(
          "--shard " + index + "/" + count + ": expected i/n with 1 <= i <= n, e.g. 1/4");
    }
  }

  /** Parses {@code i/n}; a one-line {@link InputException} otherwise. */
  public static Shard parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new InputException("--shard '" + text + "': expected i/n with 1 <= i <= n, e.g. 1/4");
    }
    return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** One trial of one cell, with its position in the suite's order. */
  public record Unit(int order, Suite.Cell cell, int trial) {}

  /** Every unit of the suite, in suite order: cell by cell, trial by trial. */
  public static List<Unit> units(Suite suite) {
    List<Unit> units = new ArrayList<>();
    for (Suite.Cell cell : suite.cells()) {
      for (int t = 0; t < cell.trials(); t++) {
        units.add(new Unit(units.size(), cell, t));
      }
    }
    return units;
  }

  /** This shard's units, in suite order. */
  public List<Unit> select(List<Unit> units) {
    if (count == 1) {
      return List.copyOf(units);
    }
    List<Unit> byCost = new ArrayList<>(units);
    byCost.sort(Comparator.comparingLong(Shard::cost).reversed().thenComparingInt(Unit::order));
    long[] load = new long[count];
    List<Unit> mine = new ArrayList<>();
    for (Unit unit : byCost) {
      int least = 0;
      for (int s = 1; s < count; s++) {
        if (load[s] < load[least]) {
          least = s;
        }
      }
      load[least] += cost(unit);
      if (least == index - 1) {
        mine.add(unit);
      }
    }
    mine.sort(Comparator.comparingInt(Unit::order));
    return mine;
  }

  /** Estimated wall time of a unit; a cell that cannot take the scenario costs nothing. */
  static long cost(Unit unit) {
    if (unit.cell().scenario().notApplicable(unit.cell().mode()).isPresent()) {
      return 0;
    }
    return SETUP_MILLIS + unit.cell().scenario().workload(unit.cell().mode()).duration().toMillis();
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
