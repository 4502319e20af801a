package io.redlocklab.harness.scenario;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.InputException;
import io.redlocklab.harness.checker.AvailabilityWindow;
import io.redlocklab.harness.checker.CheckSettings;
import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.mode.LockModes;
import io.redlocklab.harness.nemesis.Fault;
import io.redlocklab.testkit.Persistence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads scenario and suite files (scenarios/README.md describes both). Every problem is a one-line
 * {@link InputException} {@code file:line: what was wrong; expected ...}; nothing is started.
 */
public final class ScenarioLoader {

  static final List<String> SCENARIO_KEYS =
      List.of(
          "name",
          "title",
          "description",
          "source",
          "modes",
          "topology",
          "workload",
          "faults",
          "availability",
          "predictions",
          "compare_with",
          "trials",
          "sweep");
  static final List<String> WORKLOAD_KEYS =
      List.of(
          "clients",
          "ttl_ms",
          "work_ms",
          "duration_ms",
          "cycles",
          "seed",
          "respect_validity",
          "node_timeout_ms",
          "acquire_wait_ms",
          "watchdog",
          "resource",
          "think_ms",
          "clients_as");
  static final List<String> SUITE_KEYS = List.of("name", "description", "scenarios", "trials");
  private static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]*";

  private ScenarioLoader() {}

  /**
   * A suite file, or a scenario file as a suite of one (a file with {@code scenarios:} is a suite).
   */
  public static Suite load(Path file) {
    YamlNode root = YamlSource.parse(file).requireMapping("a scenario or a suite");
    if (root.has("scenarios")) {
      return suite(file, root);
    }
    List<Scenario> rows = scenarios(file, root);
    List<Suite.Entry> entries = new ArrayList<>();
    int trials = trials(root, 1);
    rows.forEach(s -> entries.add(new Suite.Entry(s, s.modes(), trials)));
    Scenario first = rows.get(0);
    return new Suite(
        first.sweep().map(SweepPoint::sweep).orElse(first.name()),
        first.description(),
        file,
        entries);
  }

  /** One scenario file without a sweep. */
  public static Scenario loadScenario(Path file) {
    List<Scenario> rows = loadScenarios(file);
    if (rows.get(0).sweep().isPresent()) {
      throw new InputException(
          file + ": this file sweeps a parameter; expected a scenario without 'sweep'");
    }
    return rows.get(0);
  }

  /** One scenario file: the scenario, or one scenario per value when it declares a sweep. */
  public static List<Scenario> loadScenarios(Path file) {
    YamlNode root = YamlSource.parse(file).requireMapping("a scenario");
    if (root.has("scenarios")) {
      throw root.keyNode("scenarios").error("this is a suite file", "a scenario file");
    }
    return scenarios(file, root);
  }

  /** Expands a sweep into its rows (scenarios/README.md, "Sweeps"); a plain file is one row. */
  private static List<Scenario> scenarios(Path file, YamlNode root) {
    if (!root.has("sweep")) {
      return List.of(scenario(file, root, null));
    }
    String name = root.require("name", "lower-case words joined by '-'").text("a name");
    SweepReader sweep = new SweepReader(name, root, root.get("sweep"));
    List<Scenario> rows = new ArrayList<>();
    for (SweepReader.Row row : sweep.rows()) {
      sweep.apply(row);
      rows.add(scenario(file, root.reread(), row.point()));
    }
    return rows;
  }

  /**
   * The {@code *.yaml} files of a directory, sorted by name (suites end in {@code .suite.yaml}).
   */
  public static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir + ": no such directory; expected a directory of scenario files");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new HarnessException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  public static boolean isSuiteFile(Path file) {
    return file.getFileName().toString().endsWith(".suite.yaml");
  }

  // ---- suites

  private static Suite suite(Path file, YamlNode root) {
    root.rejectUnknownKeys(SUITE_KEYS);
    String name = root.require("name", "the suite's name").text("a name");
    String description = root.has("description") ? root.get("description").text("a text") : "";
    Path dir = file.toAbsolutePath().getParent();
    Integer suiteTrials = root.has("trials") ? Integer.valueOf(trials(root, 1)) : null;
    List<Suite.Entry> entries = new ArrayList<>();
    List<YamlNode> items = root.get("scenarios").items("scenario files, relative to this file");
    if (items.isEmpty()) {
      throw root.get("scenarios").error("'scenarios' is empty", "at least one scenario file");
    }
    for (YamlNode item : items) {
      YamlNode fileNode = item;
      YamlNode modesNode = null;
      Integer itemTrials = suiteTrials;
      if (item.isMapping()) {
        item.rejectUnknownKeys(List.of("file", "modes", "trials"));
        fileNode = item.require("file", "a scenario file");
        modesNode = item.get("modes");
        if (item.has("trials")) {
          itemTrials = trials(item, 1);
        }
      }
      String relative = fileNode.text("a scenario file path, relative to the suite file");
      Path scenarioFile = relativeTo(file, dir, relative);
      if (!Files.isRegularFile(scenarioFile)) {
        throw fileNode.error(
            "no such scenario file '" + relative + "'",
            "a path relative to " + (file.getParent() == null ? "." : file.getParent()));
      }
      YamlNode scenarioRoot = YamlSource.parse(scenarioFile).requireMapping("a scenario");
      int trials = itemTrials != null ? itemTrials.intValue() : trials(scenarioRoot, 1);
      for (Scenario scenario : loadScenarios(scenarioFile)) {
        entries.add(new Suite.Entry(scenario, suiteModes(scenario, modesNode), trials));
      }
    }
    return new Suite(name, description, file, entries);
  }

  /** {@code trials:} of a scenario, a suite or a suite entry: independent runs per cell. */
  private static int trials(YamlNode node, int otherwise) {
    if (!node.has("trials")) {
      return otherwise;
    }
    return (int) node.get("trials").integer(1, Suite.MAX_TRIALS);
  }

  /** Keeps the path as the user would read it: relative when the suite's path was relative. */
  private static Path relativeTo(Path suiteFile, Path absoluteDir, String relative) {
    Path parent = suiteFile.getParent();
    Path resolved = parent == null ? Path.of(relative) : parent.resolve(relative);
    return suiteFile.isAbsolute()
        ? absoluteDir.resolve(relative).normalize()
        : resolved.normalize();
  }

  private static List<LockMode> suiteModes(Scenario scenario, YamlNode modesNode) {
    if (modesNode == null) {
      return scenario.modes();
    }
    List<String> ids = scenario.modes().stream().map(LockMode::id).toList();
    List<LockMode> modes = new ArrayList<>();
    for (YamlNode item : modesNode.items("mode ids of " + scenario.name())) {
      String id = item.text("a mode id");
      if (!ids.contains(id)) {
        throw item.error(
            "mode '" + id + "' is not a mode of scenario " + scenario.name(),
            "one of " + String.join(", ", ids));
      }
      modes.add(scenario.modes().get(ids.indexOf(id)));
    }
    if (modes.isEmpty()) {
      throw modesNode.error("'modes' is empty", "at least one mode of " + scenario.name());
    }
    return modes;
  }

  // ---- scenarios

  /** One scenario; {@code point} is the sweep row it is, or null. */
  private static Scenario scenario(Path file, YamlNode root, SweepPoint point) {
    root.rejectUnknownKeys(SCENARIO_KEYS);
    YamlNode nameNode = root.require("name", "lower-case words joined by '-'");
    String name = nameNode.text("a name");
    if (!name.matches(NAME_PATTERN)) {
      throw nameNode.error(
          "name '" + name + "' is not lower-case words joined by '-'",
          "a name like gc-pause-after-acquire (it names files)");
    }
    String title = root.has("title") ? root.get("title").text("a one-line title") : name;
    if (point != null) {
      name = point.rowName();
      title = title + " [" + point.key() + "=" + point.label() + "]";
    }
    String description = root.require("description", "what the scenario does").text("a text");
    List<String> sources =
        root.require("source", "where it comes from").texts("a citation or a list");
    List<LockMode> modes = modes(root.require("modes", "a list of mode ids"));
    TopologySpec topology = topology(root.get("topology"));
    YamlNode workloadNode =
        root.require("workload", "clients, ttl_ms, work_ms, duration_ms, seed, ...");
    Workload workload = workload(workloadNode);
    Map<String, Boolean> respect = respectValidity(workloadNode, modes);

    FaultReader faults =
        new FaultReader(
            modes,
            workload.clients(),
            workload.duration().toMillis(),
            topology.replicas(),
            workload.processClients());
    List<Fault> faultList = new ArrayList<>();
    YamlNode faultsNode = root.get("faults");
    if (faultsNode != null && !faultsNode.kind().equals("empty")) {
      List<YamlNode> items = faultsNode.items("fault entries (docs/FAULTS.md), or []");
      for (int i = 0; i < items.size(); i++) {
        faultList.add(faults.read(items.get(i), i));
      }
    }

    AvailabilityWindow window = AvailabilityWindow.RUN;
    double minRate = CheckSettings.DEFAULT_MIN_SUCCESS_RATE;
    YamlNode availability = root.get("availability");
    if (availability != null) {
      availability.requireMapping("window, min_success_rate");
      availability.rejectUnknownKeys(List.of("window", "min_success_rate"));
      if (availability.has("window")) {
        window =
            AvailabilityWindow.of(
                availability
                    .get("window")
                    .choice(
                        Arrays.stream(AvailabilityWindow.values())
                            .map(AvailabilityWindow::id)
                            .toList()));
      }
      if (availability.has("min_success_rate")) {
        minRate = availability.get("min_success_rate").number(0, 1, "a rate in [0, 1], e.g. 0.01");
      }
    }

    String compareWith = null;
    if (root.has("compare_with")) {
      YamlNode other = root.get("compare_with");
      compareWith = other.text("the name of the counterpart scenario");
      if (!compareWith.matches(NAME_PATTERN) || compareWith.equals(name)) {
        throw other.error(
            "compare_with '" + compareWith + "' is not another scenario's name",
            "the name of the counterpart scenario, e.g. watchdog-gc-pause-process");
      }
    }

    YamlNode predictionsNode = root.require("predictions", "per mode: outcome, reason, citation");
    Map<String, Prediction> predictions = predictions(predictionsNode, modes, point);
    Scenario scenario =
        new Scenario(
            name,
            title,
            description,
            sources,
            file,
            modes,
            topology,
            workload,
            respect,
            faultList,
            window,
            minRate,
            predictions,
            compareWith,
            point);
    requireApplicabilityPredicted(scenario, predictionsNode);
    return scenario;
  }

  /**
   * A mode a fault cannot act on must be predicted {@code not-applicable}, and only such a mode:
   * the file says so before anything runs, and the report shows the reason.
   */
  private static void requireApplicabilityPredicted(Scenario scenario, YamlNode predictions) {
    for (LockMode mode : scenario.modes()) {
      Optional<String> reason = scenario.notApplicable(mode);
      boolean predictedNotApplicable =
          scenario.prediction(mode).outcome() == Outcome.NOT_APPLICABLE;
      YamlNode outcome = predictions.get(mode.id()).get("outcome");
      if (reason.isPresent() && !predictedNotApplicable) {
        throw outcome.error(
            "mode " + mode.id() + " cannot take this scenario (" + reason.get() + ")",
            "outcome: not-applicable for " + mode.id() + ", or drop the mode");
      }
      if (reason.isEmpty() && predictedNotApplicable) {
        throw outcome.error(
            "mode " + mode.id() + " is predicted not-applicable, but every fault acts on it",
            "holds, violates, unavailable or not-applicable");
      }
    }
  }

  private static List<LockMode> modes(YamlNode node) {
    List<LockMode> modes = new ArrayList<>();
    for (YamlNode item : node.items("mode ids: " + LockModes.ids())) {
      String id = item.text("a mode id");
      LockMode mode =
          LockModes.find(id)
              .orElseThrow(
                  () -> item.error("unknown mode '" + id + "'", "one of " + LockModes.ids()));
      if (modes.contains(mode)) {
        throw item.error("mode '" + id + "' is listed twice", "each mode once");
      }
      modes.add(mode);
    }
    if (modes.isEmpty()) {
      throw node.error("'modes' is empty", "at least one of " + LockModes.ids());
    }
    return modes;
  }

  private static TopologySpec topology(YamlNode node) {
    if (node == null) {
      return TopologySpec.DEFAULT;
    }
    node.requireMapping("replicas, persistence");
    node.rejectUnknownKeys(List.of("replicas", "persistence"));
    boolean replicas = node.has("replicas") && node.get("replicas").bool();
    Persistence persistence = Persistence.NONE;
    if (node.has("persistence")) {
      persistence =
          switch (node.get("persistence").choice(List.of("none", "everysec", "always"))) {
            case "everysec" -> Persistence.AOF_EVERYSEC;
            case "always" -> Persistence.AOF_ALWAYS;
            default -> Persistence.NONE;
          };
    }
    return new TopologySpec(replicas, persistence);
  }

  private static Workload workload(YamlNode node) {
    node.requireMapping(String.join(", ", WORKLOAD_KEYS));
    node.rejectUnknownKeys(WORKLOAD_KEYS);
    int clients = (int) node.require("clients", "the number of lock clients").integer(1, 64);
    long ttl = node.require("ttl_ms", "the lease TTL in ms").integer(10, 600_000);
    long work = node.require("work_ms", "ms between read and write").integer(0, 600_000);
    long duration =
        node.require("duration_ms", "how long the workload runs, in ms").integer(100, 3_600_000);
    long cycles = node.has("cycles") ? node.get("cycles").integer(1, 1_000_000) : 0;
    long seed = node.require("seed", "a whole number").integer(Long.MIN_VALUE, Long.MAX_VALUE);
    boolean respect = true;
    YamlNode respectNode = node.get("respect_validity");
    if (respectNode != null && !respectNode.isMapping()) {
      respect = respectNode.bool();
    } else if (respectNode != null && respectNode.has("default")) {
      respect = respectNode.get("default").bool();
    }
    long nodeTimeout =
        node.has("node_timeout_ms")
            ? node.get("node_timeout_ms").integer(1, ttl - 1)
            : Math.min(50, ttl - 1);
    long wait = node.has("acquire_wait_ms") ? node.get("acquire_wait_ms").integer(0, 600_000) : ttl;
    boolean watchdog = node.has("watchdog") && node.get("watchdog").bool();
    String resource =
        node.has("resource") ? node.get("resource").text("a resource name") : "lock-set";
    long think =
        node.has("think_ms")
            ? node.get("think_ms").integer(0, 600_000)
            : Workload.DEFAULT_THINK.toMillis();
    boolean processClients =
        node.has("clients_as")
            && node.get("clients_as").choice(List.of("threads", "processes")).equals("processes");
    return new Workload(
        clients,
        Duration.ofMillis(ttl),
        Duration.ofMillis(work),
        Duration.ofMillis(duration),
        cycles,
        seed,
        respect,
        Duration.ofMillis(nodeTimeout),
        Duration.ofMillis(wait),
        watchdog,
        resource,
        Duration.ofMillis(think),
        processClients);
  }

  /** Per-mode overrides of {@code respect_validity} when it is a mapping. */
  private static Map<String, Boolean> respectValidity(YamlNode workload, List<LockMode> modes) {
    YamlNode node = workload.get("respect_validity");
    Map<String, Boolean> perMode = new LinkedHashMap<>();
    if (node == null || !node.isMapping()) {
      return perMode;
    }
    List<String> allowed = new ArrayList<>(List.of("default"));
    modes.forEach(m -> allowed.add(m.id()));
    node.rejectUnknownKeys(allowed);
    for (LockMode mode : modes) {
      if (node.has(mode.id())) {
        perMode.put(mode.id(), node.get(mode.id()).bool());
      }
    }
    return perMode;
  }

  private static Map<String, Prediction> predictions(
      YamlNode node, List<LockMode> modes, SweepPoint point) {
    node.requireMapping("mode id: {outcome, reason, citation}");
    List<String> ids = modes.stream().map(LockMode::id).toList();
    for (String key : node.keys()) {
      if (!ids.contains(key)) {
        throw node.keyNode(key)
            .error(
                "prediction for '" + key + "', which is not in modes",
                "predictions only for " + String.join(", ", ids));
      }
    }
    Map<String, Prediction> predictions = new LinkedHashMap<>();
    for (LockMode mode : modes) {
      YamlNode p = node.get(mode.id());
      if (p == null) {
        throw node.error(
            "modes lists '" + mode.id() + "' but predictions has no entry for it",
            "'"
                + mode.id()
                + "': {outcome: holds|violates|unavailable|not-applicable, reason: ..., citation:"
                + " ...}");
      }
      p.requireMapping("outcome, reason, citation");
      p.rejectUnknownKeys(List.of("outcome", "reason", "citation"));
      YamlNode outcomeNode = p.require("outcome", "holds, violates, unavailable or not-applicable");
      String outcomeId = outcomeNode.text("holds, violates, unavailable or not-applicable");
      String reason = p.require("reason", "one line: why").text("one line");
      String citation = p.require("citation", "where the argument comes from").text("a citation");
      if (SWEEP_OUTCOMES.contains(outcomeId)) {
        if (point == null) {
          throw outcomeNode.error(
              "outcome '" + outcomeId + "' needs a 'sweep'",
              "holds, violates, unavailable or not-applicable");
        }
        predictions.put(mode.id(), sweepPrediction(outcomeId, reason, citation, point));
        continue;
      }
      Outcome outcome =
          Outcome.predictable(outcomeId)
              .orElseThrow(
                  () ->
                      outcomeNode.error(
                          "outcome '" + outcomeId + "'",
                          point == null
                              ? "holds, violates, unavailable or not-applicable"
                              : "holds, violates, unavailable, not-applicable, violates-above or"
                                  + " violates-below"));
      predictions.put(mode.id(), new Prediction(outcome, reason, citation));
    }
    return predictions;
  }

  static final List<String> SWEEP_OUTCOMES = List.of("violates-above", "violates-below");

  /**
   * A row's prediction from the sweep's boundary: {@code violates-above} violates where the value
   * is above the boundary, {@code violates-below} where it is below; the boundary itself holds.
   */
  private static Prediction sweepPrediction(
      String outcomeId, String reason, String citation, SweepPoint point) {
    boolean above = outcomeId.equals("violates-above");
    boolean violates = above ? point.value() > point.boundary() : point.value() < point.boundary();
    String side =
        point.value() > point.boundary()
            ? "above"
            : point.value() < point.boundary() ? "below" : "at";
    return new Prediction(
        violates ? Outcome.VIOLATES : Outcome.HOLDS,
        reason
            + " "
            + point.key()
            + "="
            + point.label()
            + " is "
            + side
            + " the boundary "
            + SweepPoint.format(point.boundary())
            + ".",
        citation + "; boundary: " + point.citation());
  }
}
