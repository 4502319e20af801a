package io.redlocklab.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.harness.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterBackendsTest {

  @Test
  void namesTheBackends() {
    assertThat(ClusterBackends.byName("local")).isInstanceOf(LocalProcessBackend.class);
    assertThat(ClusterBackends.byName("testcontainers")).isInstanceOf(TestcontainersBackend.class);
    assertThat(ClusterBackends.byName("docker")).isInstanceOf(TestcontainersBackend.class);
  }

  @Test
  void rejectsAnUnknownBackend() {
    assertThatThrownBy(() -> ClusterBackends.byName("kubernetes"))
        .isInstanceOf(InputException.class)
        .hasMessage("unknown backend 'kubernetes': use auto, local or testcontainers");
    assertThatThrownBy(() -> ClusterBackends.byName("external"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("ExternalBackend.parse");
  }

  @Test
  void testcontainersRefusesServerClocksInsteadOfFakingThem() {
    Topology topology = Topology.builder().serverClocks(true).build();

    assertThatThrownBy(() -> new TestcontainersBackend().check(topology))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("server clock faults are unsupported");
    assertThat(new TestcontainersBackend().capabilities()).doesNotContain(Capability.SERVER_CLOCK);
  }

  @Test
  void externalChecksItsEndpointsAgainstTheTopology() {
    ExternalBackend backend =
        ExternalBackend.parse(
            "http://127.0.0.1:8474", List.of("127.0.0.1:7001", "127.0.0.1:7002"), "127.0.0.1:7100");

    assertThatThrownBy(() -> backend.check(Topology.builder().masters(3).build()))
        .isInstanceOf(InputException.class)
        .hasMessage("external backend: topology has 3 masters but 2 endpoints were given");
    assertThatThrownBy(() -> backend.check(Topology.builder().masters(2).replicas(true).build()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("replicas are not supported");
    assertThat(backend.capabilities()).isEmpty();
  }

  @Test
  void externalRejectsABadEndpoint() {
    assertThatThrownBy(
            () -> ExternalBackend.parse("http://127.0.0.1:8474", List.of("nohost"), "127.0.0.1:1"))
        .isInstanceOf(InputException.class)
        .hasMessage("external backend: endpoint must be host:port, was 'nohost'");
    assertThatThrownBy(() -> ExternalBackend.parse("127.0.0.1", List.of(), "127.0.0.1:1"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("Toxiproxy URL needs host and port");
  }
}
