package io.redlocklab.harness.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The LD_PRELOAD clock shim for {@code redis-server}: {@code clockshim.c} (a resource beside this
 * class) compiled with the system C compiler into {@code libclockshim.so}. Each server gets its own
 * control file and {@link ServerClock}; start the server with {@link ServerClock#environment()}
 * added to its environment. Debian's libfaketime deadlocks in redis' jemalloc at start-up, hence a
 * shim of our own; see the C file for the file layout and why it reads the clock by system call.
 *
 * <pre>{@code
 * ClockShim shim = ClockShim.compile(runDir.resolve("clock"));
 * ServerClock clock = shim.newClock(serverDir.resolve("clock"));
 * processBuilder.environment().putAll(clock.environment());
 * clock.jump(Duration.ofSeconds(60));
 * }</pre>
 */
public final class ClockShim {

  static final String SOURCE = "clockshim.c";
  static final String LIBRARY = "libclockshim.so";
  static final String NO_COMPILER =
      "clock skew needs a C compiler (cc or gcc) on PATH; run scripts/install-deps";
  private static final long COMPILE_TIMEOUT_SECONDS = 60;

  private final Path library;

  private ClockShim(Path library) {
    this.library = library;
  }

  /** Throws {@link ClockShimException} when there is no C compiler on PATH; starts nothing. */
  public static void checkCompiler() {
    compiler(System.getenv("PATH"));
  }

  /**
   * Copies {@code clockshim.c} into {@code runDir} (created when missing) and compiles it there
   * into {@code libclockshim.so}.
   */
  public static ClockShim compile(Path runDir) {
    return compile(runDir, System.getenv("PATH"), source());
  }

  static ClockShim compile(Path runDir, String pathEnv, byte[] source) {
    Path cc = compiler(pathEnv);
    Path dir = runDir.toAbsolutePath();
    Path library = dir.resolve(LIBRARY);
    // ld.so splits LD_PRELOAD on spaces and colons.
    if (library.toString().matches(".*[\\s:].*")) {
      throw new ClockShimException(
          "the clock shim's path must have no spaces or colons: " + library);
    }
    Path log = dir.resolve("cc.log");
    try {
      Files.createDirectories(dir);
      Path file = Files.write(dir.resolve(SOURCE), source);
      Process process =
          new ProcessBuilder(
                  cc.toString(),
                  "-shared",
                  "-fPIC",
                  "-O2",
                  "-o",
                  library.toString(),
                  file.toString(),
                  "-ldl")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(COMPILE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new ClockShimException(
            "cannot compile the clock shim: "
                + cc
                + " did not finish in "
                + COMPILE_TIMEOUT_SECONDS
                + " s");
      }
      if (process.exitValue() != 0) {
        throw new ClockShimException(
            "cannot compile the clock shim: "
                + cc
                + " exited with "
                + process.exitValue()
                + "\n"
                + Files.readString(log, StandardCharsets.UTF_8).strip());
      }
      return new ClockShim(library);
    } catch (IOException e) {
      throw new ClockShimException("cannot compile the clock shim in " + dir + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClockShimException("interrupted while compiling the clock shim", e);
    }
  }

  /** The compiled {@code libclockshim.so}, absolute. */
  public Path library() {
    return library;
  }

  /**
   * A clock for one redis-server: creates (or takes over) the 32-byte control file at real time.
   * Call before the server starts; one {@code ServerClock} per file.
   */
  public ServerClock newClock(Path controlFile) {
    return ServerClock.create(controlFile, library);
  }

  static Path compiler(String pathEnv) {
    return findCompiler(pathEnv).orElseThrow(() -> new ClockShimException(NO_COMPILER));
  }

  /** {@code cc}, else {@code gcc}: the first executable one on {@code pathEnv}. */
  static Optional<Path> findCompiler(String pathEnv) {
    if (pathEnv == null || pathEnv.isEmpty()) {
      return Optional.empty();
    }
    for (String name : new String[] {"cc", "gcc"}) {
      for (String dir : pathEnv.split(File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  static byte[] source() {
    try (InputStream in = ClockShim.class.getResourceAsStream(SOURCE)) {
      if (in == null) {
        throw new ClockShimException(
            SOURCE + " is missing from the classpath (next to " + ClockShim.class.getName() + ")");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ClockShimException("cannot read " + SOURCE + " from the classpath: " + e, e);
    }
  }
}
