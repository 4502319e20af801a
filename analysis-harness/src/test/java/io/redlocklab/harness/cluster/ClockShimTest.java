package io.redlocklab.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the compiler and building the shim; the shim's effect is in ClockShimIT. */
class ClockShimTest {

  @TempDir Path dir;

  @Test
  void withoutACompilerSaysWhatToInstallInOneLine() {
    assertThatThrownBy(() -> ClockShim.compile(dir, "", ClockShim.source()))
        .isInstanceOf(ClockShimException.class)
        .hasMessage("clock skew needs a C compiler (cc or gcc) on PATH; run scripts/install-deps");
    assertThatThrownBy(() -> ClockShim.compiler(dir.toString())).hasMessage(ClockShim.NO_COMPILER);
  }

  @Test
  void prefersCcAndFallsBackToGcc() throws Exception {
    Path bin1 = Files.createDirectories(dir.resolve("bin1"));
    Path bin2 = Files.createDirectories(dir.resolve("bin2"));
    Path gcc = executable(bin1.resolve("gcc"));
    String path = bin1 + ":" + bin2;
    assertThat(ClockShim.findCompiler(path)).contains(gcc);
    Path cc = executable(bin2.resolve("cc"));
    assertThat(ClockShim.findCompiler(path)).contains(cc);
  }

  @Test
  void compilesTheShimIntoTheRunDir() {
    assumeCompiler();
    ClockShim shim = ClockShim.compile(dir.resolve("clock"));

    assertThat(shim.library()).isEqualTo(dir.resolve("clock/libclockshim.so").toAbsolutePath());
    assertThat(shim.library()).isRegularFile();
    assertThat(dir.resolve("clock/clockshim.c")).hasBinaryContent(ClockShim.source());
    ServerClock clock = shim.newClock(dir.resolve("n0/clock"));
    assertThat(clock.environment())
        .containsEntry("LD_PRELOAD", shim.library().toString())
        .containsEntry("REDLOCK_CLOCK_FILE", dir.resolve("n0/clock").toAbsolutePath().toString())
        .hasSize(2);
  }

  @Test
  void aCompileErrorGivesOneLineThenTheCompilerOutput() {
    assumeCompiler();
    byte[] broken = "int clock_gettime(void) { return }\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ClockShim.compile(dir, System.getenv("PATH"), broken))
        .isInstanceOf(ClockShimException.class)
        .hasMessageStartingWith("cannot compile the clock shim: ")
        .hasMessageContaining(" exited with 1\n")
        .hasMessageContaining("clockshim.c");
  }

  @Test
  void refusesARunDirThatLdPreloadWouldSplit() {
    assumeCompiler();
    assertThatThrownBy(() -> ClockShim.compile(dir.resolve("a b")))
        .isInstanceOf(ClockShimException.class)
        .hasMessageStartingWith("the clock shim's path must have no spaces or colons: ");
  }

  private static void assumeCompiler() {
    Assumptions.assumeTrue(
        ClockShim.findCompiler(System.getenv("PATH")).isPresent(), "no C compiler");
  }

  private static Path executable(Path file) throws Exception {
    Files.writeString(file, "#!/bin/sh\n");
    assertThat(file.toFile().setExecutable(true)).isTrue();
    return file;
  }
}
