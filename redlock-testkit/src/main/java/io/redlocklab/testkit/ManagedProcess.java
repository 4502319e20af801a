package io.redlocklab.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process that does not outlive this JVM, even when the JVM is SIGKILLed.
 *
 * <p>The command runs under a small {@code /bin/sh} wrapper whose stdin is a pipe held by this JVM.
 * The wrapper starts the command in the background, prints its pid, and blocks reading stdin. When
 * the pipe closes ({@link #stop()}, or this JVM dying for any reason) the wrapper SIGKILLs the
 * command. A shutdown hook also kills every live child on a normal JVM exit.
 */
public final class ManagedProcess {

  private static final Logger log = LoggerFactory.getLogger(ManagedProcess.class);

  // $1 = log file, the rest = the command. Extra environment goes through `env` so that it
  // reaches only the command, not the wrapper.
  private static final String WRAPPER =
      String.join(
          "\n",
          "log=$1; shift",
          "\"$@\" </dev/null >>\"$log\" 2>&1 &",
          "child=$!",
          "echo \"$child\"",
          "cat >/dev/null",
          "kill -9 \"$child\" 2>/dev/null",
          "wait");

  private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(ManagedProcess::killNow), "managed-process-reaper"));
  }

  private final String name;
  private final Process wrapper;
  private final long pid;
  private final Optional<ProcessHandle>
      handle; // taken at start: it will not kill a later process reusing the pid
  private final Path logFile;

  private ManagedProcess(String name, Process wrapper, long pid, Path logFile) {
    this.name = name;
    this.wrapper = wrapper;
    this.pid = pid;
    this.handle = ProcessHandle.of(pid);
    this.logFile = logFile;
  }

  /**
   * Starts {@code command} in {@code workDir}; its stdout and stderr are appended to {@code
   * logFile}. {@code extraEnv} is added to this JVM's environment for the command only.
   */
  public static ManagedProcess start(
      List<String> command, Path workDir, Path logFile, Map<String, String> extraEnv) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    List<String> argv =
        new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, "sh", logFile.toString()));
    if (!extraEnv.isEmpty()) {
      argv.add("env");
      extraEnv.forEach((key, value) -> argv.add(key + "=" + value));
    }
    argv.addAll(command);
    String name = Path.of(command.get(0)).getFileName().toString();
    try {
      Files.createDirectories(workDir);
      Process wrapper =
          new ProcessBuilder(argv)
              .directory(workDir.toFile())
              .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      long pid = readPid(wrapper, name);
      ManagedProcess process = new ManagedProcess(name, wrapper, pid, logFile);
      LIVE.add(process);
      log.debug("started {} pid {} (log {})", name, pid, logFile);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  private static long readPid(Process wrapper, String name) throws IOException {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(wrapper.getInputStream(), StandardCharsets.US_ASCII))) {
      String line = out.readLine();
      if (line == null || !line.trim().matches("\\d+")) {
        wrapper.destroyForcibly();
        throw new IOException("wrapper for " + name + " did not report a pid: " + line);
      }
      return Long.parseLong(line.trim());
    }
  }

  /** The pid of the command itself (not of the wrapper). */
  public long pid() {
    return pid;
  }

  public Path logFile() {
    return logFile;
  }

  /** True while the process exists and is not a zombie; a stopped (SIGSTOP) process is alive. */
  public boolean isAlive() {
    char state = state();
    return state != 0 && state != 'Z' && state != 'X';
  }

  /**
   * Sends a signal by name ("STOP", "CONT", "KILL", "TERM", ...); throws when it cannot be
   * delivered.
   */
  public void signal(String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
              .redirectErrorStream(true)
              .start();
      String output =
          new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException(
            "kill -s " + signal + " " + pid + " (" + name + ") failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + name, e);
    }
  }

  /**
   * Kills the process (SIGKILL) and waits until it is gone. Idempotent. Also on an interrupted
   * thread (Ctrl-C interrupts the run): the interrupt is set aside until the stop is done, so that
   * what the caller cleans up after it (run dirs) is cleaned too.
   */
  public void stop() {
    boolean interrupted = Thread.interrupted();
    try {
      killNow();
      try {
        wrapper.getOutputStream().close();
      } catch (IOException ignored) {
        // The wrapper is already gone.
      }
      try {
        if (!wrapper.waitFor(5, TimeUnit.SECONDS)) {
          wrapper.destroyForcibly();
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
      if (!awaitDeath(Duration.ofSeconds(5))) {
        log.warn("{} pid {} still alive after stop", name, pid);
      }
      LIVE.remove(this);
    } catch (IllegalStateException e) {
      interrupted = true; // interrupted again while waiting: the process was SIGKILLed already
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits until the process is gone; true when it is. */
  public boolean awaitDeath(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isAlive()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      sleepQuietly(10);
    }
    return true;
  }

  /**
   * The state letter from /proc/&lt;pid&gt;/stat ('R', 'S', 'T', 'Z', ...), or 0 when there is no
   * such process.
   */
  public char state() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int afterName = stat.lastIndexOf(')');
      return afterName >= 0 && afterName + 2 < stat.length() ? stat.charAt(afterName + 2) : 0;
    } catch (IOException e) {
      return 0; // no such process
    }
  }

  private void killNow() {
    handle.ifPresent(ProcessHandle::destroyForcibly);
  }

  /** Closes {@code closeable}, logging instead of throwing. */
  static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("cannot close {}: {}", closeable, e.toString());
    }
  }

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return name + "[pid " + pid + "]";
  }
}
