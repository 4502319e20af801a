package io.redlocklab.harness.checker;

import io.redlocklab.harness.history.HistoryRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks one (scenario, mode) history and decides the measured outcome. Pure: the same history and
 * settings give the same measurement.
 *
 * <p>The rule:
 *
 * <ol>
 *   <li><b>violates</b> when a violation that counts for the mode was seen:
 *       <ul>
 *         <li>unfenced modes (the lease is the only protection): a lease overlap, an unsafe write
 *             (accepted after the writer's lease ended, once another client had a newer lease), an
 *             accepted stale write, or a lost update;
 *         <li>fenced modes (the resource is the judge): an accepted stale write or a lost update.
 *             Overlaps and late writes are reported but do not count: fencing exists to make them
 *             harmless.
 *       </ul>
 *   <li><b>unavailable</b> when nothing was violated and the acquire success rate in the settings'
 *       window is below {@code minSuccessRate}.
 *   <li><b>holds</b> otherwise.
 * </ol>
 */
public final class Checker {

  private Checker() {}

  public static Measurement check(List<HistoryRecord> history, CheckSettings settings) {
    Findings findings = Findings.of(history);
    LeaseChecker.Result lease = LeaseChecker.check(findings, settings.maxExamples());
    ResourceChecker.Result resource = ResourceChecker.check(findings, settings.maxExamples());
    AvailabilityReport availability = AvailabilityChecker.check(findings, settings.window());

    LeaseReport l = lease.report();
    ResourceReport r = resource.report();
    List<String> violations = new ArrayList<>();
    Set<String> involved = new HashSet<>();
    if (!settings.fenced()) {
      count(violations, l.overlaps(), "lease overlap(s): two clients held the lease at once");
      count(
          violations,
          l.unsafeWrites(),
          "unsafe write(s): accepted after the writer's lease ended, with a newer lease granted");
      involved.addAll(lease.overlapping());
      involved.addAll(lease.unsafe());
    }
    count(
        violations,
        r.staleWritesAccepted(),
        "stale write(s) accepted after the resource had seen a newer lease");
    count(
        violations,
        r.lostUpdates() == null ? 0 : r.lostUpdates(),
        "lost update(s): acknowledged elements missing from the final set");
    involved.addAll(resource.stale());
    involved.addAll(resource.lost());

    List<String> reasons = new ArrayList<>(violations);
    Outcome outcome;
    if (!violations.isEmpty()) {
      outcome = Outcome.VIOLATES;
    } else if (!livenessFailures(availability, settings).isEmpty()) {
      outcome = Outcome.UNAVAILABLE;
      reasons.addAll(livenessFailures(availability, settings));
    } else if (availability.windowSuccessRate() < settings.minSuccessRate()) {
      outcome = Outcome.UNAVAILABLE;
      reasons.add(
          String.format(
              Locale.ROOT,
              "acquire success rate %s in window '%s' (%d attempts) " + "is below %s",
              percent(availability.windowSuccessRate()),
              settings.window(),
              availability.windowAttempts(),
              percent(settings.minSuccessRate())));
    } else {
      outcome = Outcome.HOLDS;
      reasons.add(
          String.format(
              Locale.ROOT,
              "no counted violation in %d leases; acquire success " + "rate %s in window '%s'",
              l.leases(),
              percent(availability.windowSuccessRate()),
              settings.window()));
    }
    if (settings.fenced() && (l.overlaps() > 0 || l.lateWritesAccepted() > 0)) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "not counted (fenced mode): %d lease overlap(s), %d "
                  + "accepted late write(s), %d fenced rejection(s)",
              l.overlaps(),
              l.lateWritesAccepted(),
              r.fencedRejections()));
    }
    for (AvailabilityReport.Recovery crash : availability.crashRecoveries()) {
      if (crash.millis() != null) {
        reasons.add(
            String.format(
                Locale.ROOT,
                "liveness: after the %s another client got the lock %.0f ms later%s",
                crash.nemesis(),
                crash.millis(),
                settings.crashRecoveryMillis() > 0
                    ? " (bound " + settings.crashRecoveryMillis() + " ms)"
                    : ""));
      }
    }
    if (r.lostUpdates() == null) {
      reasons.add("lost updates not checked: no final read of the resource in the history");
    }
    return new Measurement(
        outcome,
        reasons,
        l.leases(),
        involved.size(),
        l,
        r,
        availability,
        findings.startNanos(),
        findings.endNanos() - findings.startNanos());
  }

  /** Crashes after which no other client got the lock back (in time). */
  private static List<String> livenessFailures(
      AvailabilityReport availability, CheckSettings settings) {
    List<String> failures = new ArrayList<>();
    for (AvailabilityReport.Recovery crash : availability.crashRecoveries()) {
      if (crash.millis() == null) {
        failures.add("liveness: after the " + crash.nemesis() + " no other client got the lock");
      } else if (settings.crashRecoveryMillis() > 0
          && crash.millis() > settings.crashRecoveryMillis()) {
        failures.add(
            String.format(
                Locale.ROOT,
                "liveness: after the %s another client got the lock only %.0f ms later (bound %d"
                    + " ms)",
                crash.nemesis(),
                crash.millis(),
                settings.crashRecoveryMillis()));
      }
    }
    return failures;
  }

  private static void count(List<String> violations, long count, String what) {
    if (count > 0) {
      violations.add(count + " " + what);
    }
  }

  static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }
}
