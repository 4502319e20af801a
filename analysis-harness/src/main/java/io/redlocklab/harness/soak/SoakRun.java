package io.redlocklab.harness.soak;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.runner.ProgressListener;
import io.redlocklab.harness.runner.RunOptions;
import io.redlocklab.harness.runner.ScenarioRunner;
import io.redlocklab.harness.scenario.Scenario;
import io.redlocklab.harness.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loops short seeded segments ({@link SoakPlan}) over the modes until the time is up, checks each
 * segment's history with the ordinary checkers, and samples the lab's resources before, every
 * {@code sampleEvery} during, at the end of each segment's workload, and after.
 */
public final class SoakRun {

  /** What the soak is asked to do. */
  public record Settings(
      Duration length,
      long seed,
      List<LockMode> modes,
      Path outDir,
      Duration segment,
      Duration sampleEvery) {}

  /** What it measured. */
  public record Result(
      Settings settings,
      List<SoakTally> tallies,
      List<ResourceSample> samples,
      List<ResourceCheck.Figure> figures,
      long wallSeconds) {

    public boolean leaked() {
      return figures.stream().anyMatch(f -> !f.ok());
    }

    public long segmentsRun() {
      return tallies.stream().mapToLong(SoakTally::segments).sum();
    }

    /** Counted violations in fenced modes, where the resource is the judge. */
    public long fencedViolations() {
      return tallies.stream().filter(SoakTally::fenced).mapToLong(SoakTally::violations).sum();
    }
  }

  /** Idle pools (the JDK's process reapers: 60 s) end within this after the last segment. */
  static final Duration SETTLE = Duration.ofSeconds(75);

  /** The phase of the sample taken at the end of each segment's workload. */
  public static final String SEGMENT_END = "segment-end";

  private static final Duration SETTLE_POLL = Duration.ofSeconds(5);
  private static final Duration SEGMENT_OVERHEAD = Duration.ofSeconds(5);

  private final ScenarioRunner runner;
  private final MonotonicClock clock;
  private final ResourceProbe probe = new ResourceProbe();
  private final PrintStream log;

  public SoakRun(ScenarioRunner runner, MonotonicClock clock, PrintStream log) {
    this.runner = runner;
    this.clock = clock;
    this.log = log;
  }

  public Result run(Settings settings) throws InterruptedException {
    Path segments = settings.outDir().resolve("segments");
    createDirectories(segments);
    long start = clock.nanoTime();
    List<ResourceSample> samples = Collections.synchronizedList(new ArrayList<>());
    samples.add(probe.sample(0, "before"));
    log.println("soak: before " + describe(samples.get(0)));
    log.println("soak: open files before, by target: " + ResourceProbe.openFileTargets());
    Map<String, SoakTally> tallies = new LinkedHashMap<>();
    for (LockMode mode : settings.modes()) {
      tallies.put(mode.id(), new SoakTally(mode.id(), mode.fenced()));
    }
    Random random = new Random(settings.seed());
    RunOptions options = new RunOptions(null, settings.outDir(), "local");
    AtomicReference<String> running = new AtomicReference<>("");
    Thread sampler = sampler(settings, start, samples, running);
    try {
      long end = start + settings.length().toNanos();
      long segmentNanos = settings.segment().plus(SEGMENT_OVERHEAD).toNanos();
      for (int index = 0; clock.nanoTime() + segmentNanos <= end; index++) {
        LockMode mode = settings.modes().get(index % settings.modes().size());
        running.set(mode.id());
        SoakPlan.Segment segment =
            SoakPlan.segment(mode, index, settings.segment().toMillis(), random);
        Path file = segments.resolve(segment.name() + ".yaml");
        write(file, segment.yaml());
        Scenario scenario = ScenarioLoader.loadScenario(file);
        runner.check(scenario, mode, options);
        CellResult result =
            runner.run(scenario, mode, options, segmentEndSampler(start, samples, mode.id()));
        tallies.get(mode.id()).add(segment, result);
        log.println(
            "soak: "
                + segment.name()
                + " "
                + segment.injections()
                + " -> "
                + (result.measurement() == null
                    ? result.unmeasured()
                    : result.measurement().cycles()
                        + " leases, "
                        + result.measurement().violations()
                        + " violations"));
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException();
        }
      }
    } finally {
      sampler.interrupt();
      sampler.join();
    }
    samples.add(settled(start, samples.get(0)));
    log.println("soak: after " + describe(samples.get(samples.size() - 1)));
    log.println("soak: threads after, by name: " + ResourceProbe.threadNames());
    log.println("soak: open files after, by target: " + ResourceProbe.openFileTargets());
    List<ResourceSample> all = List.copyOf(samples);
    return new Result(
        settings,
        List.copyOf(tallies.values()),
        all,
        ResourceCheck.figures(all),
        secondsSince(start));
  }

  /**
   * The "after" sample: taken once every figure is back within its tolerance of {@code before}, or
   * when {@link #SETTLE} has passed (then it shows the leak).
   */
  private ResourceSample settled(long start, ResourceSample before) throws InterruptedException {
    long settleEnd = clock.nanoTime() + SETTLE.toNanos();
    while (true) {
      Thread.sleep(SETTLE_POLL.toMillis());
      ResourceSample after = probe.sample(secondsSince(start), "after");
      boolean back =
          ResourceCheck.figures(List.of(before, after)).stream().allMatch(ResourceCheck.Figure::ok);
      if (back || clock.nanoTime() >= settleEnd) {
        return after;
      }
    }
  }

  /**
   * Samples once per segment, when its workload has ended (its thread clients closed) and its
   * servers still run: the same moment in every segment, so a mode's segments compare like with
   * like.
   */
  private ProgressListener segmentEndSampler(
      long start, List<ResourceSample> samples, String mode) {
    return new ProgressListener() {
      @Override
      public void update(long cycles, long violations) {}

      @Override
      public void phase(String phase) {
        if (phase.equals(ProgressListener.STOPPING_SERVERS)) {
          samples.add(probe.sample(secondsSince(start), SEGMENT_END).during(mode));
        }
      }
    };
  }

  private Thread sampler(
      Settings settings,
      long start,
      List<ResourceSample> samples,
      AtomicReference<String> running) {
    Thread thread =
        new Thread(
            () -> {
              try {
                while (true) {
                  Thread.sleep(settings.sampleEvery().toMillis());
                  ResourceSample sample =
                      probe.sample(secondsSince(start), "during").during(running.get());
                  samples.add(sample);
                  log.println("soak: during " + describe(sample));
                }
              } catch (InterruptedException e) {
                // the soak is over
              }
            },
            "soak-sampler");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  static String describe(ResourceSample sample) {
    return "t="
        + sample.elapsedSeconds()
        + "s"
        + (sample.mode().isEmpty() ? "" : " mode=" + sample.mode())
        + " redis-server="
        + sample.redisServers()
        + " toxiproxy-server="
        + sample.toxiproxyServers()
        + " others="
        + sample.otherProcesses()
        + " clients/node="
        + sample.clientsPerNode()
        + " threads="
        + sample.threads()
        + " fds="
        + sample.openFiles()
        + " port-locks="
        + sample.portBlockLocks()
        + " heap="
        + sample.heapAfterGcMiB()
        + "MiB";
  }

  private long secondsSince(long start) {
    return (clock.nanoTime() - start) / 1_000_000_000L;
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new HarnessException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
