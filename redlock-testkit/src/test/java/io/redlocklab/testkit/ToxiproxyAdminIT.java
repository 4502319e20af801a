package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every Toxiproxy admin call is bounded: a hung admin API fails the call, it does not hang it. */
class ToxiproxyAdminIT {

  private static final Duration BOUND = Duration.ofSeconds(1);
  private static final Duration SLACK = Duration.ofSeconds(1);
  private static final Duration THREAD_LIFETIME_AND_SLACK =
      ToxiproxyAdmin.THREAD_LIFETIME.plus(Duration.ofSeconds(2));

  @Test
  void aPeerThatAcceptsAndNeverRepliesFailsTheCallWithinTheBound() throws Exception {
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread acceptor = acceptForever(hung, accepted);
      ToxiproxyAdmin admin = new ToxiproxyAdmin("127.0.0.1", hung.getLocalPort(), BOUND);

      long start = System.nanoTime();
      assertThatThrownBy(admin::getProxies)
          .isInstanceOf(IOException.class)
          .hasMessage(
              "Toxiproxy admin API at 127.0.0.1:"
                  + hung.getLocalPort()
                  + " did not answer list proxies within 1000 ms");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(took).isBetween(BOUND, BOUND.plus(SLACK));
      assertThat(accepted).isNotEmpty(); // it did connect: the request hung, not the connect
      acceptor.interrupt();
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
    // With the peer gone the thread that was stuck in the call ends, and whatever the peer does it
    // ends within its lifetime (a run once saw it still reading 5 s after the peer had closed).
    assertThat(Processes.await(THREAD_LIFETIME_AND_SLACK, () -> adminThreads() == 0))
        .as("toxiproxy-admin threads left: %s", adminThreadStacks())
        .isTrue();
  }

  @Test
  void aHungCallsThreadEndsWithinItsLifetimeWhileThePeerStaysSilent() throws Exception {
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      acceptForever(hung, accepted);
      ToxiproxyAdmin admin = new ToxiproxyAdmin("127.0.0.1", hung.getLocalPort(), BOUND);
      long start = System.nanoTime();
      assertThatThrownBy(admin::getProxies).isInstanceOf(IOException.class);
      assertThat(adminThreads()).as("the hung call's thread").isEqualTo(1);

      // The peer keeps every connection open and silent: only the read timeout ends the thread.
      assertThat(Processes.await(THREAD_LIFETIME_AND_SLACK, () -> adminThreads() == 0))
          .as("toxiproxy-admin threads left: %s", adminThreadStacks())
          .isTrue();
      Duration lived = Duration.ofNanos(System.nanoTime() - start);
      assertThat(lived).isGreaterThanOrEqualTo(ToxiproxyAdmin.THREAD_LIFETIME);
      assertThat(accepted).isNotEmpty();
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void aStoppedToxiproxyServerFailsTheCallWithinTheDefaultBoundAndAnswersAgainAfterSigcont()
      throws Exception {
    RedisNodesExtension.requireServers();
    try (ToxiproxyServerProcess toxiproxy = ToxiproxyServerProcess.start()) {
      ToxiproxyAdmin admin = toxiproxy.admin();
      Proxy first = Proxies.create(admin, "first", "127.0.0.1:1");
      assertThat(admin.getProxies()).hasSize(1);

      signal(toxiproxy.pid(), "STOP");
      try {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Proxies.setEnabled(admin, first.getName(), false))
            .isInstanceOf(UncheckedIOException.class)
            .hasMessage(
                "cannot disable first: Toxiproxy admin API at 127.0.0.1:"
                    + toxiproxy.port()
                    + " did not answer get proxy first within "
                    + ToxiproxyAdmin.DEFAULT_BOUND.toMillis()
                    + " ms");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took)
            .isBetween(ToxiproxyAdmin.DEFAULT_BOUND, ToxiproxyAdmin.DEFAULT_BOUND.plus(SLACK));
      } finally {
        signal(toxiproxy.pid(), "CONT");
      }
      assertThat(admin.getProxies()).hasSize(1);
    }
    assertThat(Processes.await(THREAD_LIFETIME_AND_SLACK, () -> adminThreads() == 0))
        .as("toxiproxy-admin threads left: %s", adminThreadStacks())
        .isTrue();
  }

  private static Thread acceptForever(ServerSocket server, List<Socket> accepted) {
    Thread thread =
        new Thread(
            () -> {
              try {
                while (true) {
                  accepted.add(server.accept()); // and never read or write
                }
              } catch (IOException e) {
                // the server socket was closed
              }
            },
            "hung-admin-acceptor");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static String adminThreadStacks() {
    StringBuilder stacks = new StringBuilder();
    Thread.getAllStackTraces()
        .forEach(
            (thread, frames) -> {
              if (thread.getName().equals("toxiproxy-admin")) {
                stacks.append(thread.getState()).append(' ');
                for (int i = 0; i < Math.min(frames.length, 40); i++) {
                  stacks.append(frames[i]).append(" <- ");
                }
                stacks.append('\n');
              }
            });
    return stacks.toString();
  }

  private static long adminThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("toxiproxy-admin"))
        .count();
  }

  private static void signal(long pid, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
  }
}
