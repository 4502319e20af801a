package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerBinariesTest {

  @TempDir Path tmp;

  @Test
  void envOverrideWinsOverPath() throws IOException {
    Path onPath = executable(tmp.resolve("bin/redis-server"));
    Path override = executable(tmp.resolve("custom/my-redis"));
    Map<String, String> env =
        Map.of("PATH", onPath.getParent().toString(), "REDIS_SERVER_BIN", override.toString());

    assertThat(ServerBinaries.locate("redis-server", "REDIS_SERVER_BIN", env)).contains(override);
  }

  @Test
  void brokenEnvOverrideIsReportedNotSilentlyIgnored() throws IOException {
    Path onPath = executable(tmp.resolve("bin/redis-server"));
    executable(tmp.resolve("bin/toxiproxy-server"));
    Map<String, String> env =
        Map.of(
            "PATH",
            onPath.getParent().toString(),
            "HOME",
            tmp.toString(),
            "REDIS_SERVER_BIN",
            tmp.resolve("nope").toString());

    assertThat(ServerBinaries.locate("redis-server", "REDIS_SERVER_BIN", env)).isEmpty();
    assertThat(ServerBinaries.missing(env))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("REDIS_SERVER_BIN=" + tmp.resolve("nope"))
                    .doesNotContain("toxiproxy-server")
                    .endsWith("run scripts/install-deps"));
  }

  @Test
  void searchesPathInOrderThenWellKnownDirs() throws IOException {
    Path first = tmp.resolve("a");
    Path second = executable(tmp.resolve("b/toxiproxy-server"));
    Files.createDirectories(first);
    Files.writeString(first.resolve("toxiproxy-server"), "not executable");
    Map<String, String> env =
        Map.of("PATH", first + ":" + second.getParent(), "HOME", "/home/someone");

    assertThat(ServerBinaries.locate("toxiproxy-server", "TOXIPROXY_SERVER_BIN", env))
        .contains(second);
    assertThat(ServerBinaries.candidates("toxiproxy-server", env))
        .containsExactly(
            first.resolve("toxiproxy-server"),
            second,
            Path.of("/usr/local/bin/toxiproxy-server"),
            Path.of("/home/someone/.local/bin/toxiproxy-server"),
            Path.of("/home/someone/go/bin/toxiproxy-server"));
  }

  @Test
  void findsBinaryInHomeLocalBinWhenNotOnPath() throws IOException {
    Path inHome = executable(tmp.resolve(".local/bin/toxiproxy-server"));
    Map<String, String> env = Map.of("PATH", "", "HOME", tmp.toString());

    // /usr/local/bin comes first; it may hold a real install on this machine.
    assertThat(ServerBinaries.locate("toxiproxy-server", "TOXIPROXY_SERVER_BIN", env))
        .hasValueSatisfying(
            found -> assertThat(found).isIn(inHome, Path.of("/usr/local/bin/toxiproxy-server")));
  }

  @Test
  void missingNamesBothServersWhenNothingIsFound() {
    Map<String, String> env =
        Map.of(
            "PATH",
            tmp.toString(),
            "HOME",
            tmp.toString(),
            "REDIS_SERVER_BIN",
            tmp.resolve("r").toString(),
            "TOXIPROXY_SERVER_BIN",
            tmp.resolve("t").toString());

    assertThat(ServerBinaries.missing(env))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains(
                        "REDIS_SERVER_BIN", "TOXIPROXY_SERVER_BIN", "run scripts/install-deps")
                    .doesNotContain("\n"));
  }

  @Test
  void missingReferenceServerNamesThePackageAndHowToInstallIt() throws IOException {
    executable(tmp.resolve("bin/toxiproxy-server"));
    Map<String, String> env =
        Map.of(
            "PATH",
            tmp.resolve("bin").toString(),
            "HOME",
            tmp.toString(),
            "ETCD_BIN",
            tmp.resolve("no-etcd").toString(),
            "ZOOKEEPER_JAR",
            tmp.resolve("no.jar").toString(),
            "POSTGRES_BIN_DIR",
            tmp.resolve("no-pg").toString());

    assertThat(ServerBinaries.missingEtcd(env))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("ETCD_BIN", "install etcd-server (scripts/install-deps)")
                    .doesNotContain("toxiproxy", "\n"));
    assertThat(ServerBinaries.missingZooKeeper(env))
        .hasValueSatisfying(
            message -> assertThat(message).contains("no.jar", "install zookeeper ("));
    assertThat(ServerBinaries.missingPostgres(env))
        .hasValueSatisfying(
            message -> assertThat(message).contains("initdb", "install postgresql-15 ("));
  }

  @Test
  void referenceServersAreFoundWhereTheirOverridesPoint() throws IOException {
    executable(tmp.resolve("bin/toxiproxy-server"));
    Path etcd = executable(tmp.resolve("etcd/etcd"));
    Path jar = tmp.resolve("zk/zookeeper.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "");
    Path pg = tmp.resolve("pg");
    for (String program : List.of("initdb", "postgres", "pg_isready")) {
      executable(pg.resolve(program));
    }
    Map<String, String> env =
        Map.of(
            "PATH",
            tmp.resolve("bin").toString(),
            "HOME",
            tmp.toString(),
            "ETCD_BIN",
            etcd.toString(),
            "ZOOKEEPER_JAR",
            jar.toString(),
            "POSTGRES_BIN_DIR",
            pg.toString());

    assertThat(ServerBinaries.missingEtcd(env)).isEmpty();
    assertThat(ServerBinaries.missingZooKeeper(env)).isEmpty();
    assertThat(ServerBinaries.missingPostgres(env)).isEmpty();
    assertThat(ServerBinaries.postgresBinDir(env)).contains(pg);
    Files.delete(pg.resolve("pg_isready"));
    assertThat(ServerBinaries.postgresBinDir(env)).isEmpty();
  }

  @Test
  void aSentinelTopologyAlsoNeedsRedisSentinel() throws IOException {
    Path redis = executable(tmp.resolve("bin/redis-server"));
    executable(tmp.resolve("bin/toxiproxy-server"));
    Path nope = tmp.resolve("nope");
    Map<String, String> env =
        Map.of(
            "PATH",
            redis.getParent().toString(),
            "HOME",
            tmp.toString(),
            "REDIS_SENTINEL_BIN",
            nope.toString());

    assertThat(ServerBinaries.missing(env)).isEmpty();
    assertThat(ServerBinaries.missingForSentinel(env))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .isEqualTo(
                        "REDIS_SENTINEL_BIN="
                            + nope
                            + " is not an executable file"
                            + " - run scripts/install-deps"));
  }

  private static Path executable(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
