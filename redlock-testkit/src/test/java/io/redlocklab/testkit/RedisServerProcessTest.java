package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.testkit.RedisServerProcess.Options;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisServerProcessTest {

  private static final Path BIN = Path.of("/usr/bin/redis-server");
  private static final Path DIR = Path.of("/tmp/node");

  @Test
  void defaultCommandLineHasNoPersistence() {
    assertThat(RedisServerProcess.command(BIN, Options.defaults(), DIR, 7000))
        .containsExactly(
            "/usr/bin/redis-server",
            "--port",
            "7000",
            "--bind",
            "127.0.0.1",
            "--protected-mode",
            "no",
            "--daemonize",
            "no",
            "--save",
            "",
            "--appendonly",
            "no",
            "--appendfsync",
            "everysec",
            "--dir",
            "/tmp/node",
            "--logfile",
            "redis.log",
            "--repl-diskless-sync-delay",
            "0");
  }

  @Test
  void persistenceReplicaAndExtraArgsAreOnTheCommandLine() {
    Options options =
        Options.defaults()
            .persistence(Persistence.AOF_ALWAYS)
            .replicaOf("127.0.0.1", 7001)
            .extraArgs(List.of("--hz", "100"));

    List<String> command = RedisServerProcess.command(BIN, options, DIR, 7000);

    assertThat(command).containsSubsequence("--appendonly", "yes", "--appendfsync", "always");
    assertThat(command).containsSubsequence("--replicaof", "127.0.0.1", "7001");
    assertThat(command).endsWith("--hz", "100");
  }

  @Test
  void aofEverysec() {
    List<String> command =
        RedisServerProcess.command(
            BIN, Options.defaults().persistence(Persistence.AOF_EVERYSEC), DIR, 1);

    assertThat(command).containsSubsequence("--appendonly", "yes", "--appendfsync", "everysec");
  }

  @Test
  void optionsAreImmutable() {
    Options defaults = Options.defaults();
    defaults.persistence(Persistence.AOF_ALWAYS).port(7000);

    assertThat(RedisServerProcess.command(BIN, defaults, DIR, 1))
        .containsSubsequence("--appendonly", "no");
    assertThatThrownBy(() -> defaults.port(70000)).isInstanceOf(IllegalArgumentException.class);
  }
}
