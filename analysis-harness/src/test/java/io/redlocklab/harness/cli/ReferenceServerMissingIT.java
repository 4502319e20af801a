package io.redlocklab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reference mode whose server package is missing: the run stops before anything starts, with one
 * line naming the package and scripts/install-deps, and exit code 2 (never a skip). The CLI runs in
 * a child JVM so that the server locations can be pointed elsewhere by environment.
 */
class ReferenceServerMissingIT {

  @TempDir Path dir;

  private Path scenario(String mode) throws IOException {
    Path file = dir.resolve(mode + ".yaml");
    Files.writeString(
        file,
        """
        name: missing-%s
        description: "the server is not installed"
        source: ["scenarios/README.md"]
        modes: [%s]
        workload: {clients: 2, ttl_ms: 1000, work_ms: 10, duration_ms: 2000, seed: 1}
        faults: []
        predictions:
          %s: {outcome: holds, reason: "no faults", citation: "none"}
        """
            .formatted(mode, mode, mode));
    return file;
  }

  private record Run(int exit, List<String> lines) {}

  private Run lab(String envVar, String value, Path scenario) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RedlockLab.class.getName(),
                "run",
                scenario.toString(),
                "--out",
                dir.resolve("out").toString())
            .redirectErrorStream(true);
    builder.environment().put(envVar, value);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output.lines().filter(l -> !l.isBlank()).toList());
  }

  @Test
  void zooKeeperMissingExitsTwoNamingThePackage() throws Exception {
    Run run = lab("ZOOKEEPER_JAR", dir.resolve("none.jar").toString(), scenario("zookeeper"));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.lines())
        .singleElement()
        .asString()
        .contains("install zookeeper (scripts/install-deps)");
  }

  @Test
  void postgresMissingExitsTwoNamingThePackage() throws Exception {
    Run run =
        lab("POSTGRES_BIN_DIR", dir.resolve("none").toString(), scenario("postgres-advisory"));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.lines())
        .singleElement()
        .asString()
        .contains("install postgresql-15 (scripts/install-deps)");
  }
}
