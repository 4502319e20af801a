package io.redlocklab.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.redlocklab.testkit.EtcdCluster;
import io.redlocklab.testkit.RequireServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why a server-clock fault is not applicable to etcd, shown rather than assumed: the LD_PRELOAD
 * clock shim is loaded into etcd (a dynamically linked Go binary) and set one hour ahead, yet the
 * time etcd reports (its HTTP gateway's {@code Date} header, from Go's {@code time.Now}) stays
 * real, because Go reads the clock through the vDSO and never calls libc's {@code clock_gettime}.
 * The control: the same shim and clock file move {@code date}, which reads the clock through libc.
 */
class EtcdClockShimIT {

  private static final Duration JUMP = Duration.ofHours(1);
  private static final Duration SLACK = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void theShimMovesALibcProcessButNotEtcd() throws Exception {
    RequireServers.etcd();
    assumeThat(ClockShim.findCompiler(System.getenv("PATH"))).as("a C compiler").isPresent();
    ClockShim shim = ClockShim.compile(dir.resolve("shim"));
    ServerClock clock = shim.newClock(dir.resolve("clock"));
    clock.jump(JUMP);
    Map<String, String> env = new HashMap<>(LocalProcessBackend.ETCD_ENV);
    env.putAll(clock.environment());

    Instant shifted = dateUnder(clock.environment());
    assertThat(Duration.between(Instant.now().plus(JUMP), shifted).abs())
        .as("date(1) under the shim runs an hour ahead: the shim works")
        .isLessThan(SLACK);

    try (EtcdCluster cluster = EtcdCluster.start(env)) {
      HttpResponse<String> status =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(cluster.directEndpoint(0) + "/v3/maintenance/status"))
                      .POST(HttpRequest.BodyPublishers.ofString("{}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      Instant etcdNow =
          ZonedDateTime.parse(
                  status.headers().firstValue("Date").orElseThrow(),
                  DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant();
      assertThat(Duration.between(Instant.now(), etcdNow).abs())
          .as("etcd's own time under the same shim stays real")
          .isLessThan(SLACK);
    }
  }

  private static Instant dateUnder(Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(List.of("date", "+%s")).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process date = builder.start();
    String out = new String(date.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(date.waitFor()).as("date: " + out).isZero();
    return Instant.ofEpochSecond(Long.parseLong(out));
  }
}
