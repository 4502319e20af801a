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

class ReferenceServersLifecycleIT {

  @BeforeEach
  void requireServers() {
    RequireServers.etcd();
    RequireServers.zooKeeper();
    RequireServers.postgres();
  }

  @Test
  void etcdZooKeeperAndPostgresDieWhenTheirJvmIsKilled() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                OrphanedReferenceServersMain.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      List<String> runDirs = new ArrayList<>();
      List<Long> pids = new ArrayList<>();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
      for (String line = out.readLine();
          line != null && !line.equals("ready");
          line = out.readLine()) {
        if (line.startsWith("dir ")) {
          runDirs.add(line.substring(4));
        } else {
          pids.add(Long.parseLong(line.trim()));
        }
      }
      assertThat(runDirs).hasSize(3);
      // 3 etcd, 3 ZooKeeper, the postmaster and its children, 3 toxiproxy.
      assertThat(pids).hasSizeGreaterThan(10);
      runDirs.forEach(dir -> assertThat(Processes.matching(dir)).isNotEmpty());

      child.destroyForcibly(); // SIGKILL: no shutdown hook runs in the child
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

      for (long pid : pids) {
        assertThat(Processes.awaitGone(pid, Duration.ofSeconds(10)))
            .as("pid %d gone", pid)
            .isTrue();
      }
      runDirs.forEach(dir -> assertThat(Processes.matching(dir)).as(dir).isEmpty());
      runDirs.forEach(dir -> RunDirs.deleteUnlessKept(Path.of(dir)));
    } finally {
      child.destroyForcibly();
    }
  }
}
