package io.redlocklab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An etcd cell on a machine without etcd: the packaged CLI says in one line which package is
 * missing and how to install it, and exits 2, before starting anything.
 */
class MissingEtcdIT {

  @TempDir Path dir;

  @Test
  void anEtcdModeWithoutEtcdNamesThePackageAndExitsTwo() throws Exception {
    Path suite = dir.resolve("etcd.suite.yaml");
    Files.writeString(
        suite,
        """
        name: etcd-missing
        description: one etcd cell
        scenarios:
          - file: %s
            modes: [etcd]
        """
            .formatted(Path.of("..", "scenarios", "01-no-faults.yaml").toAbsolutePath()));
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "redlock-lab.jar").toString(),
                "run",
                suite.toString(),
                "--out",
                dir.resolve("out").toString())
            .redirectErrorStream(true);
    builder.environment().put("ETCD_BIN", dir.resolve("no-etcd").toString());
    Process lab = builder.start();
    String output = new String(lab.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(lab.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(lab.exitValue()).as(output).isEqualTo(2);
    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines)
        .singleElement()
        .asString()
        .contains("install etcd-server (scripts/install-deps)");
  }
}
