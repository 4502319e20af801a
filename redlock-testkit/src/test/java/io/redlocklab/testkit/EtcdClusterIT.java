package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EtcdClusterIT {

  private final HttpClient http = EtcdCluster.newHttpClient();

  @BeforeEach
  void requireServers() {
    RequireServers.etcd();
  }

  @Test
  void servesThroughProxiesSurvivesALeaderPauseAndAMemberRestartAndLeavesNoProcess()
      throws Exception {
    EtcdCluster cluster = EtcdCluster.start();
    Path runDir = cluster.runDir();
    List<Long> pids = new ArrayList<>();
    try {
      for (int i = 0; i < EtcdCluster.SIZE; i++) {
        pids.add(cluster.pid(i));
      }
      List<String> endpoints = cluster.clientEndpoints();
      put(endpoints.get(0), "k", "v1");
      assertThat(get(endpoints.get(2), "k")).isEqualTo("v1");
      assertThat(cluster.status(0)).hasValueSatisfying(s -> assertThat(s).contains("3.4."));

      // Through a disabled client proxy a member cannot be reached.
      cluster.clientProxy(1).disable();
      assertThat(post(endpoints.get(1) + "/v3/kv/range", "{}")).isNull();
      cluster.clientProxy(1).enable();

      // The other two elect a leader while the old one is stopped.
      int leader = cluster.awaitLeader(Duration.ofSeconds(5));
      cluster.pause(leader);
      int next = cluster.awaitLeader(Duration.ofSeconds(10));
      assertThat(next).isNotEqualTo(leader);
      put(endpoints.get(next), "k", "v2");
      cluster.resume(leader);

      // Cutting the connections to one member is routed around: it still follows the log.
      int follower = (next + 1) % EtcdCluster.SIZE;
      cluster.peerProxy(follower).disable();
      put(endpoints.get(next), "k", "v3");
      long index = cluster.raftIndex(next).orElseThrow();
      assertThat(
              Processes.await(
                  Duration.ofSeconds(5), () -> cluster.raftIndex(follower).orElse(0L) >= index))
          .as("member %d follows with only its inbound peer proxy cut", follower)
          .isTrue();
      cluster.peerProxy(follower).enable();

      cluster.kill(follower);
      assertThat(cluster.isAlive(follower)).isFalse();
      cluster.restart(follower);
      pids.add(cluster.pid(follower));
      assertThat(get(endpoints.get(follower), "k")).isEqualTo("v3");
    } finally {
      cluster.close();
    }
    Processes.assertAllGone(pids);
    assertThat(Processes.matching(runDir.toString())).isEmpty();
    assertThat(runDir).doesNotExist();
  }

  @Test
  void aMemberThatCannotStartFailsWithItsReasonOnTheFirstLineAndLeavesNoProcess() {
    String runDirs =
        Path.of(System.getProperty("java.io.tmpdir"))
            .resolve(RunDirs.PREFIX + ProcessHandle.current().pid() + "-etcd-")
            .toString();

    assertThatThrownBy(() -> EtcdCluster.start(Map.of("ETCD_HEARTBEAT_INTERVAL", "often")))
        .isInstanceOf(IllegalStateException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage().lines().findFirst().orElseThrow())
                    .startsWith("etcd-0 exited at start-up; last log lines: etcd.log: ")
                    .contains("invalid value \"often\" for ETCD_HEARTBEAT_INTERVAL"));
    assertThat(Processes.matching(runDirs)).isEmpty();
  }

  private void put(String endpoint, String key, String value) throws Exception {
    String body =
        post(
            endpoint + "/v3/kv/put",
            "{\"key\":\"" + b64(key) + "\",\"value\":\"" + b64(value) + "\"}");
    assertThat(body).as("put through %s", endpoint).isNotNull().contains("revision");
  }

  private String get(String endpoint, String key) throws Exception {
    String body = post(endpoint + "/v3/kv/range", "{\"key\":\"" + b64(key) + "\"}");
    assertThat(body).as("range through %s", endpoint).isNotNull();
    java.util.regex.Matcher value =
        java.util.regex.Pattern.compile("\"value\":\"([^\"]*)\"").matcher(body);
    assertThat(value.find()).as(body).isTrue();
    return new String(Base64.getDecoder().decode(value.group(1)), StandardCharsets.UTF_8);
  }

  // The body of a 200 answer, or null when the endpoint cannot be reached.
  private String post(String uri, String json) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(uri))
            .timeout(Duration.ofSeconds(2))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
