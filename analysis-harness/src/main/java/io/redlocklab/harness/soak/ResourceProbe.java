package io.redlocklab.harness.soak;

import io.redlocklab.testkit.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Takes a {@link ResourceSample} of this JVM and the servers it started. */
public final class ResourceProbe {

  private static final Pattern PORT = Pattern.compile(":(\\d{2,5})\\b");
  private static final int CLIENT_LIST_TIMEOUT_MS = 500;

  /**
   * Clients connected for less than this are not counted: a node resumed from a pause accepts the
   * backlog of connections the clients already gave up, and drops them within milliseconds.
   */
  static final int MIN_CLIENT_AGE_SECONDS = 2;

  private static final Pattern AGE = Pattern.compile("(?:^| )age=(\\d+)");

  public ResourceSample sample(long elapsedSeconds, String phase) {
    List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
    List<ProcessHandle> redis = named(children, "redis-server");
    List<ProcessHandle> toxiproxy = named(children, "toxiproxy-server");
    long others =
        children.stream()
            .filter(ProcessHandle::isAlive)
            .filter(p -> !redis.contains(p) && !toxiproxy.contains(p))
            .count();
    List<Integer> clients = new ArrayList<>();
    for (ProcessHandle server : redis) {
      port(server).flatMap(ResourceProbe::clientCount).ifPresent(clients::add);
    }
    List<String> files = openFileTargetList();
    long portLocks = files.stream().filter(ResourceProbe::isPortBlockLock).count();
    System.gc();
    return new ResourceSample(
        elapsedSeconds,
        phase,
        "",
        redis.size(),
        toxiproxy.size(),
        (int) others,
        clients,
        ManagementFactory.getThreadMXBean().getThreadCount(),
        files.size() - portLocks,
        (int) portLocks,
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
  }

  /**
   * The processes whose argv[0] is {@code name} (Debian's redis-server is a link to
   * redis-check-rdb, so the executable's own name does not tell).
   */
  private static List<ProcessHandle> named(List<ProcessHandle> processes, String name) {
    return processes.stream()
        .filter(ProcessHandle::isAlive)
        .filter(p -> argv0(p).equals(name))
        .toList();
  }

  private static String argv0(ProcessHandle process) {
    try {
      String cmdline = Files.readString(Path.of("/proc/" + process.pid() + "/cmdline"));
      String first = cmdline.replace('\0', ' ').split(" ", 2)[0];
      return first.substring(first.lastIndexOf('/') + 1);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** Live JVM threads by name, digits folded ({@code pool-#-thread-#}), most frequent first. */
  public static Map<String, Long> threadNames() {
    Map<String, Long> names = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      names.merge(thread.getName().replaceAll("\\d+", "#"), 1L, Long::sum);
    }
    return names;
  }

  /**
   * This JVM's open file descriptors by what they point at, numbers folded ({@code socket:[#]},
   * {@code anon_inode:[eventpoll]}, a path): what an after-count over the tolerance consists of.
   */
  public static Map<String, Long> openFileTargets() {
    Map<String, Long> targets = new TreeMap<>();
    for (String target : openFileTargetList()) {
      targets.merge(target.replaceAll("\\d+", "#"), 1L, Long::sum);
    }
    return targets;
  }

  private static List<String> openFileTargetList() {
    List<String> targets = new ArrayList<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          targets.add(Files.readSymbolicLink(fd).toString());
        } catch (IOException e) {
          // closed while listed (the listing's own descriptor among them)
        }
      }
    } catch (IOException e) {
      // no /proc: nothing to count
    }
    return targets;
  }

  private static boolean isPortBlockLock(String target) {
    return target.contains("/" + FreePorts.LOCK_DIR + "/") && target.endsWith(".lock");
  }

  /** redis-server names its address in its process title: {@code redis-server 127.0.0.1:PORT}. */
  private static Optional<Integer> port(ProcessHandle server) {
    try {
      String line = Files.readString(Path.of("/proc/" + server.pid() + "/cmdline"));
      Matcher matcher = PORT.matcher(line.replace('\0', ' '));
      return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Clients in {@code CLIENT LIST} connected for {@link #MIN_CLIENT_AGE_SECONDS} or more (our own
   * connection is younger); empty when the node does not answer.
   */
  private static Optional<Integer> clientCount(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), CLIENT_LIST_TIMEOUT_MS);
      socket.setSoTimeout(CLIENT_LIST_TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      out.write("CLIENT LIST\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String header = readLine(in);
      if (!header.startsWith("$") && !header.startsWith("=")) {
        return Optional.empty();
      }
      int length = Integer.parseInt(header.substring(1).trim());
      byte[] body = in.readNBytes(length);
      return Optional.of(settledClients(new String(body, StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The lines of a {@code CLIENT LIST} reply whose {@code age} is at least the minimum. */
  static int settledClients(String clientList) {
    return (int)
        clientList
            .lines()
            .map(AGE::matcher)
            .filter(Matcher::find)
            .filter(age -> Long.parseLong(age.group(1)) >= MIN_CLIENT_AGE_SECONDS)
            .count();
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
