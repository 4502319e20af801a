package io.redlocklab.harness.workload;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.Errors;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.history.ClientHistory;
import io.redlocklab.harness.lockclient.LockClient;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.mode.LockModes;
import io.redlocklab.harness.nemesis.ClientProcesses;
import io.redlocklab.harness.nemesis.DriftingClock;
import io.redlocklab.harness.nemesis.PauseCheckpoint;
import io.redlocklab.harness.nemesis.PausePoint;
import io.redlocklab.harness.scenario.Workload;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One workload client in its own JVM ({@code clients_as: processes}), so that a SIGSTOP freezes all
 * of its threads. Started by {@link ProcessClients} as {@code ClientProcessMain <port> <index>}: it
 * connects to the harness on 127.0.0.1:port, says hello with its {@code System.nanoTime()} (the
 * harness checks that both read the same CLOCK_MONOTONIC), takes its {@link ChildConfig}, runs the
 * same {@link LockSetClient} with the mode's own lock client, and sends every history record back.
 * It exits when the harness closes the channel or dies.
 */
public final class ClientProcessMain {

  /** A heartbeat gap this many beats long is reported as a gap of the child's own clock. */
  private static final int GAP_BEATS = 25;

  private final ControlChannel channel;
  private final ChildConfig config;
  private final MonotonicClock clock = MonotonicClock.system();
  private final DriftingClock clientClock = new DriftingClock(clock);
  private final Set<PausePoint> armed = ConcurrentHashMap.newKeySet();
  private final Semaphore go = new Semaphore(0);

  private ClientProcessMain(ControlChannel channel, ChildConfig config) {
    this.channel = channel;
    this.config = config;
  }

  public static void main(String[] args) {
    try (ControlChannel channel = ControlChannel.connect(Integer.parseInt(args[0]))) {
      channel.send(
          ControlMessage.hello(
              Integer.parseInt(args[1]), System.nanoTime(), ProcessHandle.current().pid()));
      ControlMessage first = channel.receive();
      if (first == null || !ControlMessage.CONFIG.equals(first.kind())) {
        throw new HarnessException("the harness sent no config");
      }
      new ClientProcessMain(channel, first.config()).run();
      channel.send(ControlMessage.done());
    } catch (Exception e) {
      System.err.println("client process failed: " + Errors.oneLine(e));
      System.exit(1);
    }
    System.exit(0);
  }

  private void run() {
    if (config.clockRate() != 1.0) {
      clientClock.setRate(config.clockRate());
    }
    Thread commands = daemon(this::readCommands, "control");
    commands.start();
    daemon(this::heartbeat, "heartbeat").start();
    Workload workload = config.workload().workload();
    int k = config.client();
    LockMode mode =
        LockModes.find(config.mode())
            .orElseThrow(() -> new HarnessException("unknown mode " + config.mode()));
    ClientHistory history =
        new ClientHistory(
            record -> channel.send(ControlMessage.record(record)),
            clock::nanoTime,
            k,
            config.mode(),
            workload.resource());
    PauseCheckpoint checkpoint = this::checkpoint;
    try (LockClient lock =
            mode.clients()
                .create(
                    LockSetWorkload.lockContext(
                        k,
                        workload,
                        config.servers(),
                        Optional.ofNullable(config.sentinelMaster()),
                        config.addressMap(),
                        clientClock,
                        LockSetClient.events(k, history, checkpoint, clock, clientClock)));
        ProtectedResource resource =
            new ProtectedResource(
                config.resourceNode(),
                workload.resource(),
                LockSetWorkload.resourceTimeout(workload))) {
      new LockSetClient(
              k,
              history,
              workload,
              lock,
              resource,
              clientClock,
              new LockSetClient.Run(clock, checkpoint, config.endNanos()),
              new AtomicLong())
          .run();
    }
  }

  /**
   * At an armed point: report it and wait for the harness's go; then report our own clock's gap.
   */
  private void checkpoint(int client, PausePoint point) {
    if (!armed.contains(point)) {
      return;
    }
    long before = clock.nanoTime();
    channel.send(ControlMessage.atPoint(ControlMessage.POINT, point));
    try {
      go.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    channel.send(ControlMessage.resumed(point, clock.nanoTime() - before));
  }

  private void readCommands() {
    ControlMessage message;
    while ((message = channel.receive()) != null) {
      switch (message.kind()) {
        case ControlMessage.RATE -> clientClock.setRate(message.rate());
        case ControlMessage.ARM -> armed.add(message.pausePoint());
        case ControlMessage.DISARM -> armed.remove(message.pausePoint());
        case ControlMessage.GO -> go.release();
        default -> throw new HarnessException("unexpected " + message.kind() + " from the harness");
      }
    }
    // The harness closed the channel or died: nothing is left to report to.
    Runtime.getRuntime().halt(3);
  }

  /** Beats every HEARTBEAT_MILLIS; a long silence of its own clock is a pause it lived through. */
  private void heartbeat() {
    long last = clock.nanoTime();
    long gapNanos = GAP_BEATS * ClientProcesses.HEARTBEAT_MILLIS * 1_000_000;
    while (true) {
      try {
        Thread.sleep(ClientProcesses.HEARTBEAT_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = clock.nanoTime();
      if (now - last > gapNanos) {
        channel.send(ControlMessage.timed(ControlMessage.GAP, now - last));
      }
      channel.send(ControlMessage.timed(ControlMessage.BEAT, now));
      last = now;
    }
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
