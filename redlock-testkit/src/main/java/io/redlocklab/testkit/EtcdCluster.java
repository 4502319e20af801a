package io.redlocklab.testkit;

import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 3-member etcd cluster on 127.0.0.1 in one run dir, with one toxiproxy-server in front of it.
 *
 * <p>Each member {@code i} has two proxies: {@code etcd-i-client} in front of its client port (what
 * {@link #clientEndpoints()} returns) and {@code etcd-i-peer} in front of its peer port, which is
 * the peer URL the member advertises, so every raft message to member {@code i} passes that proxy.
 * Toxiproxy cannot tell which member a connection comes from, and etcd members both dial and are
 * dialed (a member reads its peer's messages on a stream it dialed itself), so disabling one
 * member's peer proxy cuts only the connections to it and etcd routes around it: a symmetric
 * partition of one member is not possible with these proxies. Pausing a member (SIGSTOP) isolates
 * it in time instead.
 */
public final class EtcdCluster implements AutoCloseable {

  public static final int SIZE = 3;
  public static final String HOST = "127.0.0.1";

  private static final Logger log = LoggerFactory.getLogger(EtcdCluster.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
  private static final Pattern MEMBER_ID = Pattern.compile("\"member_id\"\\s*:\\s*\"(\\d+)\"");
  private static final Pattern LEADER = Pattern.compile("\"leader\"\\s*:\\s*\"(\\d+)\"");
  private static final Pattern RAFT_INDEX = Pattern.compile("\"raftIndex\"\\s*:\\s*\"(\\d+)\"");

  private final Path runDir;
  private final ToxiproxyServerProcess toxiproxy;
  private final List<Member> members;
  private final HttpClient http;
  private boolean closed;

  private EtcdCluster(Path runDir, ToxiproxyServerProcess toxiproxy, List<Member> members) {
    this.runDir = runDir;
    this.toxiproxy = toxiproxy;
    this.members = List.copyOf(members);
    this.http = newHttpClient();
  }

  public static EtcdCluster start() {
    return start(Map.of());
  }

  /**
   * Starts the members and waits until each reports a leader. {@code extraEnv} goes to every etcd
   * process only (note: etcd is a Go binary and reads the clock without libc, so an LD_PRELOAD
   * clock shim does not reach it).
   */
  public static EtcdCluster start(Map<String, String> extraEnv) {
    Path etcd =
        ServerBinaries.etcd()
            .orElseThrow(
                () -> new IllegalStateException(ServerBinaries.missingEtcd().orElse("no etcd")));
    Path runDir = RunDirs.create("etcd");
    List<AutoCloseable> started = new ArrayList<>();
    try {
      ToxiproxyServerProcess toxiproxy = ToxiproxyServerProcess.start(runDir.resolve("toxiproxy"));
      started.add(toxiproxy);
      List<Integer> ports = distinctFreePorts(2 * SIZE);
      List<Integer> peerProxyPorts = new ArrayList<>();
      List<Integer> clientProxyPorts = new ArrayList<>();
      for (int i = 0; i < SIZE; i++) {
        clientProxyPorts.add(
            Proxies.create(toxiproxy.admin(), clientProxyName(i), ports.get(2 * i)));
        peerProxyPorts.add(
            Proxies.create(toxiproxy.admin(), peerProxyName(i), ports.get(2 * i + 1)));
      }
      String initialCluster =
          IntStream.range(0, SIZE)
              .mapToObj(i -> name(i) + "=" + url(peerProxyPorts.get(i)))
              .collect(Collectors.joining(","));
      String token = runDir.getFileName().toString();
      List<Member> members = new ArrayList<>();
      for (int i = 0; i < SIZE; i++) {
        Path dir = runDir.resolve(name(i));
        List<String> command =
            List.of(
                etcd.toString(),
                "--name=" + name(i),
                "--data-dir=" + dir.resolve("data"),
                "--listen-client-urls=" + url(ports.get(2 * i)),
                "--advertise-client-urls=" + url(clientProxyPorts.get(i)),
                "--listen-peer-urls=" + url(ports.get(2 * i + 1)),
                "--initial-advertise-peer-urls=" + url(peerProxyPorts.get(i)),
                "--initial-cluster=" + initialCluster,
                "--initial-cluster-token=" + token,
                "--initial-cluster-state=new",
                "--enable-v2=false",
                "--logger=zap",
                "--log-outputs=stderr");
        int clientPort = ports.get(2 * i);
        // The first start of every member runs at once: a member is ready only with a quorum.
        Member member =
            new Member(
                i,
                clientPort,
                clientProxyPorts.get(i),
                dir,
                () -> ManagedProcess.start(command, dir, dir.resolve("etcd.log"), extraEnv));
        started.add(member::kill);
        members.add(member);
      }
      EtcdCluster cluster = new EtcdCluster(runDir, toxiproxy, members);
      for (Member member : members) {
        cluster.awaitReady(member);
      }
      log.debug("started etcd cluster in {}", runDir);
      return cluster;
    } catch (RuntimeException e) {
      started.forEach(ManagedProcess::closeQuietly);
      RunDirs.deleteUnlessKept(runDir);
      throw e;
    }
  }

  /** Client URLs through the proxies, e.g. {@code http://127.0.0.1:41234}, by member. */
  public List<String> clientEndpoints() {
    return members.stream().map(m -> url(m.clientProxyPort)).toList();
  }

  /** Member {@code i}'s own client URL: the test's unfaulted view. */
  public String directEndpoint(int i) {
    return url(members.get(i).clientPort);
  }

  /** The proxy in front of member {@code i}'s client port, freshly read. */
  public Proxy clientProxy(int i) {
    return Proxies.get(toxiproxy.admin(), clientProxyName(i));
  }

  /** The proxy every peer's raft traffic to member {@code i} passes, freshly read. */
  public Proxy peerProxy(int i) {
    return Proxies.get(toxiproxy.admin(), peerProxyName(i));
  }

  public ToxiproxyServerProcess toxiproxy() {
    return toxiproxy;
  }

  public Path runDir() {
    return runDir;
  }

  public long pid(int i) {
    return members.get(i).process().pid();
  }

  public boolean isAlive(int i) {
    return members.get(i).process().isAlive();
  }

  /** SIGSTOP member {@code i}. */
  public void pause(int i) {
    members.get(i).process().pause();
  }

  /** SIGCONT member {@code i}. */
  public void resume(int i) {
    members.get(i).process().resume();
  }

  /** SIGKILL member {@code i} and wait until it is gone. */
  public void kill(int i) {
    members.get(i).process().kill();
  }

  /** Starts member {@code i} again on its ports and data dir; waits until it sees a leader. */
  public void restart(int i) {
    Member member = members.get(i);
    member.process().restart();
    awaitReady(member);
  }

  /**
   * The member that calls itself leader, asked over each running member's own client port; empty
   * when none does.
   */
  public OptionalInt leader() {
    for (Member member : members) {
      if (member.process().isAlive() && !member.process().isPaused()) {
        Optional<String> status = status(member.index);
        if (status.isPresent()) {
          Optional<String> id = field(MEMBER_ID, status.get());
          if (id.isPresent() && id.equals(field(LEADER, status.get()))) {
            return OptionalInt.of(member.index);
          }
        }
      }
    }
    return OptionalInt.empty();
  }

  /** Waits until some member calls itself leader; returns it. */
  public int awaitLeader(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      OptionalInt leader = leader();
      if (leader.isPresent()) {
        return leader.getAsInt();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("no etcd leader within " + timeout.toMillis() + " ms");
      }
      ManagedProcess.sleepQuietly(50);
    }
  }

  /**
   * Member {@code i}'s raft index, asked over its own client port; empty when it does not answer.
   */
  public Optional<Long> raftIndex(int i) {
    return status(i).flatMap(s -> field(RAFT_INDEX, s)).map(Long::parseLong);
  }

  /**
   * The JSON answer of member {@code i}'s {@code POST /v3/maintenance/status}, over its own client
   * port; empty when it does not answer within 1 s.
   */
  public Optional<String> status(int i) {
    return post(directEndpoint(i) + "/v3/maintenance/status", "{}");
  }

  /** Stops every process and deletes the run dir (unless kept). Never throws. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    members.forEach(member -> ManagedProcess.closeQuietly(member::kill));
    ManagedProcess.closeQuietly(toxiproxy);
    RunDirs.deleteUnlessKept(runDir);
  }

  @Override
  public String toString() {
    return "EtcdCluster" + members.stream().map(m -> m.process).toList();
  }

  private void awaitReady(Member member) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      if (!member.process().isAlive()) {
        throw new IllegalStateException(
            ServerReadiness.startFailure(
                name(member.index) + " exited at start-up", member.dir.resolve("etcd.log")));
      }
      Optional<String> status = status(member.index);
      if (status.flatMap(s -> field(LEADER, s)).filter(id -> !id.equals("0")).isPresent()) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            ServerReadiness.startFailure(
                name(member.index) + " saw no leader within " + READY_TIMEOUT.toSeconds() + " s",
                member.dir.resolve("etcd.log")));
      }
      ManagedProcess.sleepQuietly(50);
    }
  }

  private Optional<String> post(String uri, String json) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(uri))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static HttpClient newHttpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(REQUEST_TIMEOUT)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  private static Optional<String> field(Pattern pattern, String json) {
    Matcher matcher = pattern.matcher(json);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  static List<Integer> distinctFreePorts(int count) {
    Set<Integer> ports = new LinkedHashSet<>();
    while (ports.size() < count) {
      ports.add(FreePorts.next());
    }
    return List.copyOf(ports);
  }

  private static String name(int i) {
    return "etcd-" + i;
  }

  private static String clientProxyName(int i) {
    return name(i) + "-client";
  }

  private static String peerProxyName(int i) {
    return name(i) + "-peer";
  }

  private static String url(int port) {
    return "http://" + HOST + ":" + port;
  }

  private static final class Member {
    final int index;
    final int clientPort;
    final int clientProxyPort;
    final Path dir;
    final RestartableProcess process;

    Member(
        int index,
        int clientPort,
        int clientProxyPort,
        Path dir,
        Supplier<ManagedProcess> launcher) {
      this.index = index;
      this.clientPort = clientPort;
      this.clientProxyPort = clientProxyPort;
      this.dir = dir;
      this.process = RestartableProcess.start(name(index), launcher);
    }

    RestartableProcess process() {
      return process;
    }

    void kill() {
      process.kill();
    }
  }
}
