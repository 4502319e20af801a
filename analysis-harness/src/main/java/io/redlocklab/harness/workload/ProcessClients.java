package io.redlocklab.harness.workload;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.history.HistoryRecord;
import io.redlocklab.harness.history.HistorySink;
import io.redlocklab.harness.history.Ops;
import io.redlocklab.harness.lockclient.Endpoint;
import io.redlocklab.harness.nemesis.ClientProcesses;
import io.redlocklab.harness.nemesis.DriftingClock;
import io.redlocklab.harness.nemesis.PausePoint;
import io.redlocklab.harness.scenario.Workload;
import io.redlocklab.testkit.ManagedProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The workload's clients as JVM child processes ({@code clients_as: processes}). {@link #launch}
 * starts one {@link ClientProcessMain} per client through {@link ManagedProcess} (so none outlives
 * the harness, even a SIGKILLed one), accepts each child's control channel on a loopback port and
 * checks that the child's {@code System.nanoTime()} lies between the harness's readings before the
 * start and after the hello: the same CLOCK_MONOTONIC, so the children's records go into the
 * history as they are. {@link #run} sends each its config (the workload starts then), {@link
 * #await} waits for them to finish, {@link #close} kills whatever is left.
 */
public final class ProcessClients implements ClientProcesses, AutoCloseable {

  /** The nemesis name of the harness's own records about its client processes. */
  static final String NAME = "client-processes";

  private static final long START_TIMEOUT_MILLIS = 60_000;

  private final String mode;
  private final Workload workload;
  private final HistorySink history;
  private final MonotonicClock clock;
  private final List<DriftingClock> clientClocks;
  private final ServerSocket server;
  private final List<Child> children = new ArrayList<>();
  private final ExecutorService atPoints =
      Executors.newCachedThreadPool(
          body -> {
            Thread thread = new Thread(body, "client-process-point");
            thread.setDaemon(true);
            return thread;
          });
  private AtomicLong cycles = new AtomicLong();

  private ProcessClients(
      String mode,
      Workload workload,
      HistorySink history,
      MonotonicClock clock,
      List<DriftingClock> clientClocks)
      throws IOException {
    this.mode = mode;
    this.workload = workload;
    this.history = history;
    this.clock = clock;
    this.clientClocks = List.copyOf(clientClocks);
    this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
  }

  /**
   * Starts one child JVM per client, each logging to {@code logs/client-<k>.log} under {@code
   * logDir}, and waits until each has connected and passed the clock check. A child that fails to
   * start fails the cell with the last line of its own output.
   */
  public static ProcessClients launch(
      String mode,
      Workload workload,
      HistorySink history,
      MonotonicClock clock,
      List<DriftingClock> clientClocks,
      Path logDir) {
    return launch(mode, workload, history, clock, clientClocks, logDir, javaCommand());
  }

  /** {@link #launch} with another command before the port and index arguments (tests). */
  static ProcessClients launch(
      String mode,
      Workload workload,
      HistorySink history,
      MonotonicClock clock,
      List<DriftingClock> clientClocks,
      Path logDir,
      List<String> java) {
    ProcessClients clients;
    try {
      clients = new ProcessClients(mode, workload, history, clock, clientClocks);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the client processes' control port", e);
    }
    try {
      clients.startAll(logDir, java);
      return clients;
    } catch (RuntimeException e) {
      clients.close();
      throw e;
    }
  }

  private void startAll(Path relativeLogDir, List<String> java) {
    // The child runs in the log directory, so a relative path would resolve twice.
    Path logDir = relativeLogDir.toAbsolutePath();
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new HarnessException("cannot create " + logDir + ": " + e.getMessage(), e);
    }
    long start = clock.nanoTime();
    for (int k = 0; k < workload.clients(); k++) {
      List<String> command = new ArrayList<>(java);
      command.add(Integer.toString(server.getLocalPort()));
      command.add(Integer.toString(k));
      Path log = logDir.resolve("client-" + k + ".log");
      long before = clock.nanoTime();
      children.add(new Child(k, ManagedProcess.start(command, logDir, log, Map.of()), log, before));
    }
    acceptAll();
    long upNanos = clock.nanoTime() - start;
    history.append(
        HistoryRecord.nemesis(
            clock.nanoTime(),
            NAME,
            "client JVMs "
                + children.stream().map(c -> c.index + "=pid " + c.process.pid()).toList()
                + " up in "
                + upNanos / 1_000_000
                + " ms; each child's System.nanoTime() lay between the harness's readings before"
                + " its start and after its hello (one CLOCK_MONOTONIC)"));
  }

  /** java -cp <this JVM's class path> ClientProcessMain, with flags for a quick start. */
  static List<String> javaCommand() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Path.of(entry).toAbsolutePath().toString())
            .collect(Collectors.joining(File.pathSeparator));
    return List.of(
        java,
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Xss512k",
        "-Xmx128m",
        "-cp",
        classPath,
        ClientProcessMain.class.getName());
  }

  private void acceptAll() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
    int connected = 0;
    try {
      server.setSoTimeout(100);
      while (connected < children.size()) {
        for (Child child : children) {
          if (child.channel == null && !child.process.isAlive()) {
            throw child.failed("exited before it connected");
          }
        }
        if (System.nanoTime() - deadline > 0) {
          Child late = children.stream().filter(c -> c.channel == null).findFirst().orElseThrow();
          throw late.failed("did not connect within " + START_TIMEOUT_MILLIS / 1000 + " s");
        }
        Socket socket;
        try {
          socket = server.accept();
        } catch (SocketTimeoutException e) {
          continue;
        }
        ControlChannel channel = new ControlChannel(socket);
        ControlMessage hello = channel.receive();
        long after = clock.nanoTime();
        if (hello == null || !ControlMessage.HELLO.equals(hello.kind())) {
          channel.close();
          continue;
        }
        Child child = children.get(hello.client());
        if (hello.nanos() < child.startedNanos || hello.nanos() > after) {
          channel.close();
          throw new HarnessException(
              "client "
                  + child.index
                  + "'s JVM reads System.nanoTime() "
                  + hello.nanos()
                  + ", outside the harness's ["
                  + child.startedNanos
                  + ", "
                  + after
                  + "]: not the same CLOCK_MONOTONIC; run the clients as threads");
        }
        child.connect(channel);
        connected++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot accept a client process", e);
    }
  }

  /**
   * Sends every child its config: the workload runs from now until {@code endNanos}; records flow
   * into the history, completed cycles into {@code cycleCount}.
   */
  void run(
      long endNanos,
      IntFunction<List<Endpoint>> servers,
      Optional<String> sentinelMaster,
      IntFunction<Map<String, String>> addressMaps,
      IntFunction<RedisNode> resourceEndpoint,
      AtomicLong cycleCount) {
    this.cycles = cycleCount;
    for (Child child : children) {
      DriftingClock mirror = clientClocks.get(child.index);
      child.channel.send(
          ControlMessage.config(
              ChildConfig.of(
                  child.index,
                  mode,
                  servers.apply(child.index),
                  sentinelMaster,
                  addressMaps.apply(child.index),
                  resourceEndpoint.apply(child.index),
                  workload,
                  endNanos,
                  mirror.rate())));
      mirror.onRateChange(rate -> child.sendQuietly(ControlMessage.rate(rate)));
      child.reader.start();
    }
  }

  /** Waits until every child is done (or was killed by a fault); a child gone otherwise fails. */
  void await(long deadlineNanos) throws InterruptedException {
    for (Child child : children) {
      long waitMillis = Math.max(1, (deadlineNanos - clock.nanoTime()) / 1_000_000);
      if (!child.finished.await(waitMillis, TimeUnit.MILLISECONDS)) {
        throw new HarnessException(
            Ops.client(child.index) + "'s JVM did not finish after the workload's end");
      }
      if (!child.done && !child.killed) {
        throw child.failed("exited before the end of the workload");
      }
    }
  }

  @Override
  public void arm(int client, PausePoint point, String nemesis, IntConsumer atPoint) {
    Child child = children.get(client);
    child.arms.put(point, new Arm(nemesis, atPoint));
    child.sendQuietly(ControlMessage.atPoint(ControlMessage.ARM, point));
  }

  @Override
  public void disarm(int client, PausePoint point) {
    Child child = children.get(client);
    child.arms.remove(point);
    child.sendQuietly(ControlMessage.atPoint(ControlMessage.DISARM, point));
  }

  @Override
  public void signal(int client, String signal) {
    Child child = children.get(client);
    if (signal.equals("KILL")) {
      child.killed = true;
    }
    child.process.signal(signal);
  }

  @Override
  public boolean stopped(int client) {
    return children.get(client).process.state() == 'T';
  }

  @Override
  public long messagesFrom(int client) {
    return children.get(client).messages.get();
  }

  /** The pids of the child JVMs (tests). */
  List<Long> pids() {
    return children.stream().map(c -> c.process.pid()).toList();
  }

  @Override
  public void close() {
    atPoints.shutdownNow();
    for (Child child : children) {
      if (child.channel != null) {
        child.channel.close();
      }
      child.process.stop();
    }
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  private record Arm(String nemesis, IntConsumer atPoint) {}

  /** One client JVM and the harness's end of its channel. */
  private final class Child {
    final int index;
    final ManagedProcess process;
    final Path log;
    final long startedNanos;
    final AtomicLong messages = new AtomicLong();
    final Map<PausePoint, Arm> arms = new ConcurrentHashMap<>();
    final Map<PausePoint, String> lastNemesis = new ConcurrentHashMap<>();
    final CountDownLatch finished = new CountDownLatch(1);
    final Thread reader = new Thread(this::read);
    ControlChannel channel;
    volatile boolean done;
    volatile boolean killed;

    Child(int index, ManagedProcess process, Path log, long startedNanos) {
      this.index = index;
      this.process = process;
      this.log = log;
      this.startedNanos = startedNanos;
      reader.setName("client-process-" + index);
      reader.setDaemon(true);
    }

    void connect(ControlChannel connected) {
      this.channel = connected;
    }

    void sendQuietly(ControlMessage message) {
      try {
        channel.send(message);
      } catch (UncheckedIOException e) {
        // The child is gone (killed, or finished): nothing to tell it.
      }
    }

    private void read() {
      try {
        ControlMessage message;
        while ((message = channel.receive()) != null) {
          messages.incrementAndGet();
          handle(message);
        }
      } finally {
        finished.countDown();
      }
    }

    private void handle(ControlMessage message) {
      switch (message.kind()) {
        case ControlMessage.RECORD -> {
          HistoryRecord record = message.record();
          history.append(record);
          if (Ops.RELEASE.equals(record.op()) && HistoryRecord.OK.equals(record.type())) {
            cycles.incrementAndGet();
          }
        }
        case ControlMessage.POINT -> atPoint(message.pausePoint());
        case ControlMessage.RESUMED ->
            history.append(
                HistoryRecord.nemesis(
                    clock.nanoTime(),
                    lastNemesis.getOrDefault(message.pausePoint(), NAME),
                    "client "
                        + index
                        + " measured on its own clock "
                        + message.nanos() / 1_000_000
                        + " ms held at "
                        + message.point()));
        case ControlMessage.GAP ->
            history.append(
                HistoryRecord.nemesis(
                    clock.nanoTime(),
                    NAME,
                    "client "
                        + index
                        + "'s heartbeat saw its own clock advance "
                        + message.nanos() / 1_000_000
                        + " ms between two beats (every "
                        + HEARTBEAT_MILLIS
                        + " ms): none of its threads ran"));
        case ControlMessage.DONE -> done = true;
        default -> {
          // beat: counted above
        }
      }
    }

    /** The child waits at {@code point}: run the armed fault off this reader, then let it go. */
    private void atPoint(PausePoint point) {
      Arm arm = arms.get(point);
      if (arm == null) {
        sendQuietly(ControlMessage.go());
        return;
      }
      lastNemesis.put(point, arm.nemesis());
      atPoints.execute(
          () -> {
            try {
              arm.atPoint().accept(index);
            } finally {
              sendQuietly(ControlMessage.go());
            }
          });
    }

    HarnessException failed(String what) {
      return new HarnessException(
          Ops.client(index) + "'s JVM (pid " + process.pid() + ") " + what + ": " + lastLine(log));
    }
  }

  /** The last non-blank line of a child's output, or a note that there is none. */
  static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i).trim();
        }
      }
    } catch (IOException e) {
      // no log
    }
    return "(no output in " + log + ")";
  }
}
