package io.redlocklab.testkit;

import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 3-node ZooKeeper ensemble on 127.0.0.1 in one run dir, each node a plain {@code java ...
 * QuorumPeerMain zoo.cfg} child, with one toxiproxy-server in front of it.
 *
 * <p>Clients reach node {@code i} through proxy {@code zk-i-client}. Every peer link goes through a
 * proxy of its own: each node's {@code zoo.cfg} names its own quorum and election ports as they are
 * and every other node by the proxies {@code zk-a-to-b-quorum} and {@code zk-a-to-b-election} (from
 * node a to node b). ZooKeeper dials a peer by the address in the dialer's own config (with
 * reconfig disabled nothing overrides it), so disabling those proxies partitions nodes link by
 * link: {@link #isolate(int)} cuts one node from both others in both directions.
 *
 * <p>A proxy accepts a connection before it dials its upstream, so a follower that dials a leader
 * which has not yet bound its quorum port would be connected and then closed, not refused; the
 * follower takes that for a failed leader and starts a new election round, while the leader waits
 * {@code initLimit} for it. A gate thread therefore keeps the quorum proxies to a node enabled only
 * while that node listens on its quorum port (it does while it leads), so a follower sees the
 * refusal it retries, as without proxies.
 */
public final class ZooKeeperEnsemble implements AutoCloseable {

  public static final int SIZE = 3;
  public static final String HOST = "127.0.0.1";
  static final String MAIN_CLASS = "org.apache.zookeeper.server.quorum.QuorumPeerMain";

  private static final Logger log = LoggerFactory.getLogger(ZooKeeperEnsemble.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final int TICK_MILLIS = 500;
  private static final long GATE_PERIOD_MILLIS = 10;
  private static final String[] TCP_TABLES = {"/proc/net/tcp", "/proc/net/tcp6"};
  private static final String TCP_LISTEN = "0A";

  private final Path runDir;
  private final ToxiproxyServerProcess toxiproxy;
  private final int[] quorumPorts;
  private final List<Node> nodes = new ArrayList<>();
  private final Set<Integer> isolated = new HashSet<>();
  private final Map<String, Boolean> linkEnabled = new HashMap<>();
  private final Thread gate;
  private volatile boolean closed;

  private ZooKeeperEnsemble(Path runDir, ToxiproxyServerProcess toxiproxy, int[] quorumPorts) {
    this.runDir = runDir;
    this.toxiproxy = toxiproxy;
    this.quorumPorts = quorumPorts.clone();
    this.gate = new Thread(this::runGate, "zookeeper-quorum-gate");
    gate.setDaemon(true);
  }

  public static ZooKeeperEnsemble start() {
    return start(Map.of());
  }

  /**
   * Starts the nodes and waits until there is a leader and two followers. {@code extraEnv} goes to
   * every node's JVM only, e.g. {@code LD_PRELOAD}.
   */
  public static ZooKeeperEnsemble start(Map<String, String> extraEnv) {
    Path jar =
        ServerBinaries.zookeeperJar()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        ServerBinaries.missingZooKeeper().orElse("no zookeeper")));
    Path runDir = RunDirs.create("zookeeper");
    List<AutoCloseable> started = new ArrayList<>();
    try {
      ToxiproxyServerProcess toxiproxy = ToxiproxyServerProcess.start(runDir.resolve("toxiproxy"));
      started.add(toxiproxy);
      // Per node: client, quorum, election port.
      List<Integer> ports = EtcdCluster.distinctFreePorts(3 * SIZE);
      int[][] quorumVia = new int[SIZE][SIZE];
      int[][] electionVia = new int[SIZE][SIZE];
      List<Integer> clientProxyPorts = new ArrayList<>();
      for (int to = 0; to < SIZE; to++) {
        clientProxyPorts.add(
            Proxies.create(toxiproxy.admin(), clientProxyName(to), ports.get(3 * to)));
        for (int from = 0; from < SIZE; from++) {
          if (from == to) {
            quorumVia[from][to] = ports.get(3 * to + 1);
            electionVia[from][to] = ports.get(3 * to + 2);
          } else {
            quorumVia[from][to] =
                Proxies.create(toxiproxy.admin(), link(from, to, "quorum"), ports.get(3 * to + 1));
            electionVia[from][to] =
                Proxies.create(
                    toxiproxy.admin(), link(from, to, "election"), ports.get(3 * to + 2));
          }
        }
      }
      int[] quorumPorts = IntStream.range(0, SIZE).map(i -> ports.get(3 * i + 1)).toArray();
      ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble(runDir, toxiproxy, quorumPorts);
      started.add(ensemble::stopGate);
      ensemble.syncLinks();
      ensemble.gate.start();
      for (int i = 0; i < SIZE; i++) {
        Path dir = runDir.resolve(name(i));
        Path config = writeConfig(dir, i, ports.get(3 * i), quorumVia[i], electionVia[i]);
        List<String> command = command(jar, config);
        Node node =
            new Node(
                i,
                ports.get(3 * i),
                clientProxyPorts.get(i),
                dir,
                RestartableProcess.start(
                    name(i),
                    () ->
                        ManagedProcess.start(
                            command, dir, dir.resolve("zookeeper.log"), extraEnv)));
        started.add(node.process::kill);
        ensemble.nodes.add(node);
      }
      ensemble.nodes.forEach(ensemble::awaitServing);
      log.debug("started zookeeper ensemble in {}", runDir);
      return ensemble;
    } catch (RuntimeException e) {
      started.forEach(ManagedProcess::closeQuietly);
      RunDirs.deleteUnlessKept(runDir);
      throw e;
    }
  }

  /** The connect string through the client proxies, e.g. {@code 127.0.0.1:4101,127.0.0.1:4102}. */
  public String connectString() {
    return nodes.stream()
        .map(node -> HOST + ":" + node.clientProxyPort)
        .collect(Collectors.joining(","));
  }

  /** Node {@code i}'s own client port: the test's unfaulted view. */
  public int directClientPort(int i) {
    return nodes.get(i).clientPort;
  }

  public Proxy clientProxy(int i) {
    return Proxies.get(toxiproxy.admin(), clientProxyName(i));
  }

  /** The quorum and election proxies that node {@code from} dials node {@code to} through. */
  public List<Proxy> linkProxies(int from, int to) {
    return List.of(
        Proxies.get(toxiproxy.admin(), link(from, to, "quorum")),
        Proxies.get(toxiproxy.admin(), link(from, to, "election")));
  }

  /** Disables every peer link to and from node {@code i}; clients still reach it. */
  public synchronized void isolate(int i) {
    isolated.add(i);
    syncLinks();
  }

  /** Enables every peer link to and from node {@code i} again. */
  public synchronized void reconnect(int i) {
    isolated.remove(i);
    syncLinks();
  }

  public ToxiproxyServerProcess toxiproxy() {
    return toxiproxy;
  }

  public Path runDir() {
    return runDir;
  }

  public long pid(int i) {
    return nodes.get(i).process.pid();
  }

  public boolean isAlive(int i) {
    return nodes.get(i).process.isAlive();
  }

  public void pause(int i) {
    nodes.get(i).process.pause();
  }

  public void resume(int i) {
    nodes.get(i).process.resume();
  }

  /** SIGKILL node {@code i} and wait until it is gone. */
  public void kill(int i) {
    nodes.get(i).process.kill();
  }

  /** Starts node {@code i} again with its config and data; waits until it serves. */
  public void restart(int i) {
    Node node = nodes.get(i);
    node.process.restart();
    awaitServing(node);
  }

  /**
   * Node {@code i}'s mode from the {@code srvr} four-letter command on its own port ("leader",
   * "follower"); empty when it does not answer or does not serve.
   */
  public Optional<String> mode(int i) {
    return fourLetterWord(i, "srvr")
        .flatMap(
            answer ->
                answer
                    .lines()
                    .filter(line -> line.startsWith("Mode: "))
                    .map(line -> line.substring("Mode: ".length()).trim())
                    .findFirst());
  }

  /** The answer to a four-letter command (srvr, ruok, mntr) on node {@code i}'s own port. */
  public Optional<String> fourLetterWord(int i, String command) {
    Node node = nodes.get(i);
    if (!node.process.isAlive() || node.process.isPaused()) {
      return Optional.empty();
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, node.clientPort), 2000);
      socket.setSoTimeout(3000);
      OutputStream out = socket.getOutputStream();
      out.write(command.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The node whose {@code srvr} says "leader"; empty when none does. */
  public OptionalInt leader() {
    return IntStream.range(0, SIZE)
        .filter(i -> mode(i).filter("leader"::equals).isPresent())
        .findFirst();
  }

  /** Waits until a node other than {@code excluded} (-1: any) is leader; returns it. */
  public int awaitLeader(Duration timeout, int excluded) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      OptionalInt leader =
          IntStream.range(0, SIZE)
              .filter(i -> i != excluded && mode(i).filter("leader"::equals).isPresent())
              .findFirst();
      if (leader.isPresent()) {
        return leader.getAsInt();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "no zookeeper leader within "
                + timeout.toMillis()
                + " ms: modes "
                + modes()
                + "; last log lines: "
                + lastLogLines());
      }
      ManagedProcess.sleepQuietly(50);
    }
  }

  /** Every node's mode, "-" where it does not answer. */
  public List<String> modes() {
    return IntStream.range(0, SIZE).mapToObj(i -> mode(i).orElse("-")).toList();
  }

  /** Stops every process and deletes the run dir (unless kept). Never throws. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stopGate();
    nodes.forEach(node -> ManagedProcess.closeQuietly(node.process::kill));
    ManagedProcess.closeQuietly(toxiproxy);
    RunDirs.deleteUnlessKept(runDir);
  }

  @Override
  public String toString() {
    return "ZooKeeperEnsemble" + nodes.stream().map(node -> node.process).toList();
  }

  private void runGate() {
    while (!closed) {
      try {
        syncLinks();
      } catch (RuntimeException e) {
        if (!closed) {
          log.warn("zookeeper quorum gate: {}", e.toString());
        }
      }
      try {
        Thread.sleep(GATE_PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void stopGate() {
    closed = true;
    gate.interrupt();
    try {
      gate.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // Election links: enabled unless an end is isolated. Quorum links: also only while the node they
  // lead to listens on its quorum port.
  private synchronized void syncLinks() {
    Set<Integer> listening = listeningPorts();
    for (int from = 0; from < SIZE; from++) {
      for (int to = 0; to < SIZE; to++) {
        if (from != to) {
          boolean connected = !isolated.contains(from) && !isolated.contains(to);
          setLink(link(from, to, "election"), connected);
          setLink(link(from, to, "quorum"), connected && listening.contains(quorumPorts[to]));
        }
      }
    }
  }

  private void setLink(String name, boolean enabled) {
    if (!Boolean.valueOf(enabled).equals(linkEnabled.get(name))) {
      Proxies.setEnabled(toxiproxy.admin(), name, enabled);
      linkEnabled.put(name, enabled);
    }
  }

  /** The local ports some socket listens on, from the kernel's TCP tables. */
  static Set<Integer> listeningPorts() {
    Set<Integer> ports = new HashSet<>();
    for (String table : TCP_TABLES) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] fields = line.trim().split("\\s+");
          int colon = fields.length > 3 ? fields[1].lastIndexOf(':') : -1;
          if (colon > 0 && fields[3].equals(TCP_LISTEN)) {
            ports.add(Integer.parseInt(fields[1].substring(colon + 1), 16));
          }
        }
      } catch (IOException e) {
        // No such table (no IPv6): nothing listens there.
      }
    }
    return ports;
  }

  private String lastLogLines() {
    return nodes.stream()
        .map(
            node ->
                name(node.index) + ": " + RunDirs.lastLines(1, node.dir.resolve("zookeeper.log")))
        .collect(Collectors.joining(" | "));
  }

  private void awaitServing(Node node) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      if (!node.process.isAlive()) {
        throw new IllegalStateException(
            ServerReadiness.startFailure(
                name(node.index) + " exited at start-up", node.dir.resolve("zookeeper.log")));
      }
      if (mode(node.index).filter(m -> m.equals("leader") || m.equals("follower")).isPresent()) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            name(node.index)
                + " did not serve within "
                + READY_TIMEOUT.toSeconds()
                + " s: modes "
                + modes()
                + "; last log lines: "
                + lastLogLines());
      }
      ManagedProcess.sleepQuietly(50);
    }
  }

  static List<String> command(Path jar, Path config) {
    List<String> classPath = new ArrayList<>(List.of(jar.toString()));
    Path simpleLogger = jar.resolveSibling("slf4j-simple.jar"); // Debian ships no binding with it
    if (Files.isRegularFile(simpleLogger)) {
      classPath.add(simpleLogger.toString());
    }
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        // Timestamps in the log; a refused connect to a leader is retried 5 times this far apart.
        "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
        "-Dzookeeper.leaderConnectDelayDuringRetryMs=300",
        "-cp",
        String.join(":", classPath),
        MAIN_CLASS,
        config.toString());
  }

  // Node i's view: its own ports as they are, every other node through the proxy from i to it.
  private static Path writeConfig(
      Path dir, int i, int clientPort, int[] quorumPorts, int[] electionPorts) {
    Path data = dir.resolve("data");
    List<String> lines =
        new ArrayList<>(
            List.of(
                "tickTime=" + TICK_MILLIS,
                "initLimit=20",
                "syncLimit=4",
                "dataDir=" + data,
                "clientPort=" + clientPort,
                "clientPortAddress=" + HOST,
                "4lw.commands.whitelist=srvr,ruok,mntr",
                "admin.enableServer=false",
                "reconfigEnabled=false",
                "cnxTimeout=1000"));
    for (int j = 0; j < SIZE; j++) {
      lines.add("server." + (j + 1) + "=" + HOST + ":" + quorumPorts[j] + ":" + electionPorts[j]);
    }
    try {
      Files.createDirectories(data);
      Files.writeString(data.resolve("myid"), (i + 1) + "\n");
      Path config = dir.resolve("zoo.cfg");
      Files.write(config, lines);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the config of " + name(i), e);
    }
  }

  private static String name(int i) {
    return "zk-" + i;
  }

  private static String clientProxyName(int i) {
    return name(i) + "-client";
  }

  private static String link(int from, int to, String port) {
    return name(from) + "-to-" + to + "-" + port;
  }

  private record Node(
      int index, int clientPort, int clientProxyPort, Path dir, RestartableProcess process) {}
}
