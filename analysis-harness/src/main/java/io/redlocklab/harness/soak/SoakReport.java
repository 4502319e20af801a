package io.redlocklab.harness.soak;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.report.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/** Writes SOAK.md, soak.svg (the resource curves) and samples.csv into the soak's directory. */
public final class SoakReport {

  private static final int PANEL_WIDTH = 720;
  private static final int PANEL_HEIGHT = 110;
  private static final int MARGIN = 60;

  private SoakReport() {}

  public static Path write(SoakRun.Result result) {
    Path dir = result.settings().outDir();
    Path report = dir.resolve("SOAK.md");
    try {
      AtomicFiles.writeString(dir.resolve("soak.svg"), svg(result.samples()));
      AtomicFiles.writeString(dir.resolve("samples.csv"), csv(result.samples()));
      AtomicFiles.writeString(report, markdown(result));
    } catch (IOException e) {
      throw new HarnessException("cannot write " + report + ": " + e.getMessage(), e);
    }
    return report;
  }

  static String markdown(SoakRun.Result result) {
    SoakRun.Settings settings = result.settings();
    StringBuilder md = new StringBuilder("# Chaos soak\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%d min asked, %d s run, seed %d, segments of %d s, resources sampled every %d s. "
                + "Verdict: **%s**.\n\n",
            settings.length().toMinutes(),
            result.wallSeconds(),
            settings.seed(),
            settings.segment().toSeconds(),
            settings.sampleEvery().toSeconds(),
            result.leaked() || result.fencedViolations() > 0 ? "FAIL" : "pass"));
    md.append("## Modes\n\n")
        .append(
            "| mode | segments | errors | faults | leases | counted violations | overlaps |"
                + " unsafe writes | stale writes accepted | lost updates | fenced rejections |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    Map<String, Long> byType = new TreeMap<>();
    for (SoakTally tally : result.tallies()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |\n",
              tally.mode(),
              tally.segments(),
              tally.errors().size(),
              tally.faults(),
              tally.leases(),
              tally.violations(),
              tally.overlaps(),
              tally.unsafeWrites(),
              tally.staleWritesAccepted(),
              tally.lostUpdates(),
              tally.fencedRejections()));
      tally.faultsByType().forEach((type, n) -> byType.merge(type, n, Long::sum));
    }
    md.append(
        "\nIn a fenced mode only stale writes accepted and lost updates count (the resource is the"
            + " judge); the soak fails on any.\n\n## Faults injected, by type\n\n"
            + "| type | injected |\n|---|---:|\n");
    byType.forEach(
        (type, n) -> md.append("| ").append(type).append(" | ").append(n).append(" |\n"));
    md.append("\n## Resources: before and after\n\n")
        .append("| figure | before | after | tolerance | ok |\n|---|---:|---:|---:|---|\n");
    for (ResourceCheck.Figure figure : result.figures()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d%s | %d%s | +%d | %s |\n",
              figure.name(),
              figure.before(),
              figure.unit(),
              figure.after(),
              figure.unit(),
              figure.tolerance(),
              figure.ok() ? "yes" : "**LEAK**"));
    }
    md.append(
            "\nClients per node count the connections of `CLIENT LIST` at least "
                + ResourceProbe.MIN_CLIENT_AGE_SECONDS
                + " s old: a node resumed from a pause accepts the backlog of connections its"
                + " clients already gave up, and drops them within milliseconds. Each mode's"
                + " samples are compared only with its own (modes pool different numbers of"
                + " connections); the row shows the mode that grew most.\n")
        .append("\n![resource curves](soak.svg)\n\n## Samples\n\n")
        .append(
            "| t (s) | phase | mode | redis-server | toxiproxy-server | other processes | clients"
                + " per node | threads | fds | port-block locks | heap after GC (MiB) |\n"
                + "|---:|---|---|---:|---:|---:|---|---:|---:|---:|---:|\n");
    for (ResourceSample s : result.samples()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %d | %d | %d | %s | %d | %d | %d | %d |\n",
              s.elapsedSeconds(),
              s.phase(),
              s.mode(),
              s.redisServers(),
              s.toxiproxyServers(),
              s.otherProcesses(),
              s.clientsPerNode(),
              s.threads(),
              s.openFiles(),
              s.portBlockLocks(),
              s.heapAfterGcMiB()));
    }
    List<String> errors = result.tallies().stream().flatMap(t -> t.errors().stream()).toList();
    if (!errors.isEmpty()) {
      md.append("\n## Segments that did not run to a measurement\n\n");
      errors.forEach(e -> md.append("- ").append(e).append('\n'));
    }
    return md.toString();
  }

  static String csv(List<ResourceSample> samples) {
    StringBuilder csv =
        new StringBuilder(
            "elapsed_s,phase,mode,redis_servers,toxiproxy_servers,other_processes,max_clients_per_node,threads,fds,port_block_locks,heap_after_gc_mib\n");
    for (ResourceSample s : samples) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%d,%s,%s,%d,%d,%d,%d,%d,%d,%d,%d\n",
              s.elapsedSeconds(),
              s.phase(),
              s.mode(),
              s.redisServers(),
              s.toxiproxyServers(),
              s.otherProcesses(),
              s.maxClientsPerNode(),
              s.threads(),
              s.openFiles(),
              s.portBlockLocks(),
              s.heapAfterGcMiB()));
    }
    return csv.toString();
  }

  /** One panel per figure, stacked, sharing the time axis. */
  static String svg(List<ResourceSample> samples) {
    List<Panel> panels =
        List.of(
            new Panel("redis-server processes", ResourceSample::redisServers),
            new Panel("toxiproxy-server processes", ResourceSample::toxiproxyServers),
            new Panel("other processes", ResourceSample::otherProcesses),
            new Panel("max clients per Redis node", ResourceSample::maxClientsPerNode),
            new Panel("JVM threads", ResourceSample::threads),
            new Panel("open file descriptors", ResourceSample::openFiles),
            new Panel("heap after GC (MiB)", ResourceSample::heapAfterGcMiB));
    int height = panels.size() * (PANEL_HEIGHT + 30) + 20;
    long lastSecond = Math.max(1, samples.get(samples.size() - 1).elapsedSeconds());
    StringBuilder svg =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " font-family=\"sans-serif\" font-size=\"11\">\n",
                PANEL_WIDTH + 2 * MARGIN,
                height));
    for (int p = 0; p < panels.size(); p++) {
      Panel panel = panels.get(p);
      int top = 20 + p * (PANEL_HEIGHT + 30);
      long max = Math.max(1, samples.stream().mapToLong(panel.figure()).max().orElse(1));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\">%s (max %d)</text>\n"
                  + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                  + " stroke=\"#ccc\"/>\n<polyline fill=\"none\" stroke=\"#1f77b4\""
                  + " stroke-width=\"1.5\" points=\"",
              MARGIN,
              top - 4,
              panel.name(),
              max,
              MARGIN,
              top,
              PANEL_WIDTH,
              PANEL_HEIGHT));
      for (ResourceSample s : samples) {
        double x = MARGIN + PANEL_WIDTH * (double) s.elapsedSeconds() / lastSecond;
        double y = top + PANEL_HEIGHT - PANEL_HEIGHT * (double) panel.figure().applyAsLong(s) / max;
        svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      svg.append("\"/>\n");
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private record Panel(String name, ToLongFunction<ResourceSample> figure) {}
}
