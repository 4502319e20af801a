package io.redlocklab.harness.report;

import io.redlocklab.harness.checker.Findings;
import io.redlocklab.harness.checker.LateWrite;
import io.redlocklab.harness.checker.LeaseInterval;
import io.redlocklab.harness.checker.NemesisWindow;
import io.redlocklab.harness.checker.Overlap;
import io.redlocklab.harness.history.HistoryRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario's timeline as SVG: per mode, one lane per client with its leases as bars, fault
 * windows shaded, the parts of leases that overlap another client's in red, and accepted writes
 * sent after the writer's lease had ended as dark red ticks. Every shape comes from the checkers'
 * {@link Findings}: the picture shows what was counted.
 */
final class SvgTimeline {

  /** One mode's lane group; {@code history} is null when the cell has none. */
  record Lane(String mode, String caption, List<HistoryRecord> history) {}

  private static final int LEFT = 190;
  private static final int PLOT = 960;
  private static final int RIGHT = 20;
  private static final int LANE = 11;
  private static final int GAP = 3;
  private static final int GROUP_HEADER = 20;
  private static final int GROUP_GAP = 12;

  private SvgTimeline() {}

  static String render(String title, List<Lane> lanes) {
    List<Group> groups = new ArrayList<>();
    long longest = 1;
    for (Lane lane : lanes) {
      Group group = new Group(lane);
      groups.add(group);
      longest = Math.max(longest, group.duration);
    }
    double scale = PLOT / (double) longest;
    int height = 48;
    for (Group group : groups) {
      height += GROUP_HEADER + Math.max(1, group.clients.size()) * (LANE + GAP) + GROUP_GAP;
    }
    height += 30;

    StringBuilder svg = new StringBuilder();
    int width = LEFT + PLOT + RIGHT;
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\">\n");
    svg.append(
        "<style>text{font:11px"
            + " sans-serif;fill:#222}.t{font-weight:bold;font-size:13px}.l{fill:#4a7fb5}.o{fill:#d62728}.f{fill:#f5b041;opacity:.3}.w{stroke:#7b0000;stroke-width:2}.a{stroke:#999;stroke-width:.5}.n{font-size:9px;fill:#8a5a00}</style>\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(8, 18, "t", title));
    legend(svg, LEFT, 36);

    int y = 48;
    for (Group group : groups) {
      svg.append(text(8, y + 14, "t", group.lane.mode()));
      svg.append(text(LEFT, y + 14, null, group.lane.caption()));
      y += GROUP_HEADER;
      int lanesHeight = Math.max(1, group.clients.size()) * (LANE + GAP);
      for (NemesisWindow fault : group.faults) {
        double x = LEFT + (fault.startNanos() - group.start) * scale;
        double w = Math.max(1, (fault.endNanos() - fault.startNanos()) * scale);
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"f\" x=\"%.1f\" y=\"%d\" width=\"%.1f\""
                    + " height=\"%d\"><title>%s</title></rect>%n",
                x,
                y,
                w,
                lanesHeight,
                Xml.escape(fault.nemesis())));
        svg.append(text(x + 2, y + 8, "n", fault.nemesis()));
      }
      if (group.lane.history() == null) {
        svg.append(text(LEFT + 4, y + LANE, null, "no history"));
      }
      for (int i = 0; i < group.clients.size(); i++) {
        String client = group.clients.get(i);
        int laneY = y + i * (LANE + GAP);
        svg.append(text(LEFT - 70, laneY + LANE - 2, null, client));
        for (LeaseInterval lease : group.byClient.getOrDefault(client, List.of())) {
          bar(
              svg,
              "l",
              group,
              lease.startNanos(),
              lease.endNanos(),
              laneY,
              scale,
              client
                  + " lease "
                  + Format.shortValue(lease.leaseValue())
                  + (lease.token() == null ? "" : " token " + lease.token()));
        }
        for (Overlap overlap : group.overlaps.getOrDefault(client, List.of())) {
          bar(svg, "o", group, overlap.startNanos(), overlap.endNanos(), laneY, scale, "overlap");
        }
        for (Long write : group.lateWrites.getOrDefault(client, List.of())) {
          double x = LEFT + (write - group.start) * scale;
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<line class=\"w\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>%n",
                  x,
                  laneY - 1,
                  x,
                  laneY + LANE + 1));
        }
      }
      y += lanesHeight + GROUP_GAP;
    }
    axis(svg, y, longest, scale);
    return svg.append("</svg>\n").toString();
  }

  private static void legend(StringBuilder svg, int x, int y) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect class=\"l\" x=\"%d\" y=\"%d\" width=\"14\" height=\"9\"/>",
            x,
            y - 8));
    svg.append(text(x + 18, y, null, "lease held"));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect class=\"o\" x=\"%d\" y=\"%d\" width=\"14\" height=\"9\"/>",
            x + 100,
            y - 8));
    svg.append(text(x + 118, y, null, "held by two clients at once"));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect class=\"f\" x=\"%d\" y=\"%d\" width=\"14\" height=\"9\"/>",
            x + 290,
            y - 8));
    svg.append(text(x + 308, y, null, "fault active"));
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"w\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
            x + 400,
            y - 9,
            x + 400,
            y + 1));
    svg.append(text(x + 406, y, null, "write accepted after the writer's lease ended"))
        .append('\n');
  }

  private static void axis(StringBuilder svg, int y, long longest, double scale) {
    double seconds = longest / 1e9;
    int step = seconds <= 15 ? 1 : seconds <= 40 ? 5 : seconds <= 120 ? 10 : 60;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"a\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
            LEFT,
            y,
            LEFT + PLOT,
            y));
    for (int s = 0; s <= seconds; s += step) {
      double x = LEFT + s * 1e9 * scale;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"a\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>",
              x,
              y,
              x,
              y + 4));
      svg.append(text(x - 4, y + 16, null, s + " s")).append('\n');
    }
  }

  private static void bar(
      StringBuilder svg,
      String css,
      Group group,
      long from,
      long to,
      int y,
      double scale,
      String tooltip) {
    double x = LEFT + (from - group.start) * scale;
    double w = Math.max(0.6, (to - from) * scale);
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\""
                + " height=\"%d\"><title>%s</title></rect>%n",
            css,
            x,
            y,
            w,
            LANE,
            Xml.escape(tooltip)));
  }

  private static String text(double x, double y, String css, String content) {
    return String.format(
        Locale.ROOT,
        "<text%s x=\"%.1f\" y=\"%.1f\">%s</text>",
        css == null ? "" : " class=\"" + css + "\"",
        x,
        y,
        Xml.escape(content));
  }

  /** One lane group's shapes: what the checkers found in its history, per client. */
  private static final class Group {
    final Lane lane;
    final long start;
    final long duration;
    final List<String> clients = new ArrayList<>();
    final Map<String, List<LeaseInterval>> byClient = new HashMap<>();
    final Map<String, List<Overlap>> overlaps = new HashMap<>();
    final Map<String, List<Long>> lateWrites = new HashMap<>();
    final List<NemesisWindow> faults;

    Group(Lane lane) {
      this.lane = lane;
      Findings findings = Findings.of(lane.history() == null ? List.of() : lane.history());
      start = findings.startNanos();
      duration = Math.max(1, findings.endNanos() - start);
      faults = findings.faults();
      for (HistoryRecord r : findings.records()) {
        if (r.process().startsWith("client-") && !clients.contains(r.process())) {
          clients.add(r.process());
        }
      }
      clients.sort(Comparator.comparingInt(SvgTimeline::clientNumber).thenComparing(c -> c));
      for (LeaseInterval lease : findings.leases()) {
        byClient.computeIfAbsent(lease.client(), k -> new ArrayList<>()).add(lease);
      }
      for (Overlap overlap : findings.overlaps()) {
        overlaps.computeIfAbsent(overlap.first().client(), k -> new ArrayList<>()).add(overlap);
        overlaps.computeIfAbsent(overlap.second().client(), k -> new ArrayList<>()).add(overlap);
      }
      for (LateWrite late : findings.lateWrites()) {
        if (late.accepted()) {
          lateWrites
              .computeIfAbsent(late.write().client(), k -> new ArrayList<>())
              .add(late.write().invokeNanos());
        }
      }
    }
  }

  private static int clientNumber(String process) {
    try {
      return Integer.parseInt(process.substring(process.lastIndexOf('-') + 1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
