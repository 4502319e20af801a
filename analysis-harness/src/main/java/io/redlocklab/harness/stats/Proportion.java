package io.redlocklab.harness.stats;

/**
 * A measured rate: {@code events} out of {@code trials}, with its two-sided 95% Wilson score
 * interval (Wilson, "Probable inference, the law of succession, and statistical inference", JASA
 * 22, 1927). Wilson rather than Clopper–Pearson: it stays inside [0, 1], is not over-conservative
 * at the report's sizes, and at zero events its upper bound is {@code z²/(n + z²)}, close to the
 * "rule of three" (3/n).
 *
 * @param events how many times the event happened (violations, lost updates, ...)
 * @param trials how many times it could have happened (leases, writes, trials, ...)
 */
public record Proportion(long events, long trials) {

  /** The normal quantile for a two-sided 95% interval. */
  public static final double Z95 = 1.959963984540054;

  public Proportion {
    if (trials < 0 || events < 0 || events > trials) {
      throw new IllegalArgumentException(
          "a proportion needs 0 <= events <= trials, got " + events + "/" + trials);
    }
  }

  /** The sum of two proportions of the same kind (e.g. the trials of one cell). */
  public Proportion plus(Proportion other) {
    return new Proportion(events + other.events, trials + other.trials);
  }

  /** events / trials, or NaN when nothing could have happened. */
  public double rate() {
    return trials == 0 ? Double.NaN : (double) events / trials;
  }

  /** The lower end of the 95% Wilson interval (0 when there are no events). */
  public double lower() {
    return events == 0 ? 0 : bound(-1);
  }

  /** The upper end of the 95% Wilson interval (1 when every trial had the event). */
  public double upper() {
    return events == trials ? 1 : bound(+1);
  }

  private double bound(int sign) {
    if (trials == 0) {
      return Double.NaN;
    }
    double n = trials;
    double p = events / n;
    double z2 = Z95 * Z95;
    double centre = p + z2 / (2 * n);
    double spread = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return (centre + sign * spread) / (1 + z2 / n);
  }
}
