package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisNodesLifecycleIT {

  @BeforeEach
  void requireServers() {
    RedisNodesExtension.requireServers();
  }

  @Test
  void closeEndsEveryProcessAndDeletesTheRunDir() {
    RedisNodes nodes = RedisNodes.start(3);
    List<Long> pids = new ArrayList<>();
    nodes.nodes().forEach(node -> pids.add(node.server().pid()));
    pids.add(nodes.toxiproxy().pid());
    Path runDir = nodes.runDir();
    pids.forEach(pid -> assertThat(Path.of("/proc/" + pid)).exists());

    nodes.close();
    nodes.close();

    pids.forEach(pid -> assertThat(Path.of("/proc/" + pid)).as("pid %d", pid).doesNotExist());
    assertThat(runDir).doesNotExist();
  }

  @Test
  void serversDieWhenTheirJvmIsKilled(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                OrphanedServersMain.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      List<Long> pids = new ArrayList<>();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
      for (String line = out.readLine();
          line != null && !line.equals("ready");
          line = out.readLine()) {
        pids.add(Long.parseLong(line.trim()));
      }
      assertThat(pids).hasSize(2);
      pids.forEach(pid -> assertThat(Path.of("/proc/" + pid)).exists());

      child.destroyForcibly(); // SIGKILL: no shutdown hook runs in the child
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

      for (long pid : pids) {
        assertThat(Processes.awaitGone(pid, Duration.ofSeconds(5))).as("pid %d gone", pid).isTrue();
      }
    } finally {
      child.destroyForcibly();
    }
  }
}
