package io.redlocklab.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.harness.InputException;
import io.redlocklab.testkit.Persistence;
import org.junit.jupiter.api.Test;

class TopologyTest {

  @Test
  void buildsWhatWasAskedFor() {
    Topology topology =
        Topology.builder()
            .masters(5)
            .clients(2)
            .replicas(true)
            .persistence(Persistence.AOF_EVERYSEC)
            .persistence(3, Persistence.AOF_ALWAYS)
            .serverClocks(true)
            .build();

    assertThat(topology.masters()).isEqualTo(5);
    assertThat(topology.clients()).isEqualTo(2);
    assertThat(topology.replicas()).isTrue();
    assertThat(topology.serverClocks()).isTrue();
    assertThat(topology.persistence(0)).isEqualTo(Persistence.AOF_EVERYSEC);
    assertThat(topology.persistence(3)).isEqualTo(Persistence.AOF_ALWAYS);
    assertThat(topology.clientLinks()).isEqualTo(12);
  }

  @Test
  void defaultsToThreeMastersOneClientNoPersistence() {
    Topology topology = Topology.builder().build();

    assertThat(topology.masters()).isEqualTo(3);
    assertThat(topology.clients()).isEqualTo(1);
    assertThat(topology.replicas()).isFalse();
    assertThat(topology.persistence(2)).isEqualTo(Persistence.NONE);
  }

  @Test
  void aReferenceTopologyHasItsServersNodeCountAndNothingRedisOnly() {
    assertThat(Topology.builder().server(LockServer.ZOOKEEPER).masters(3).build().server())
        .isEqualTo(LockServer.ZOOKEEPER);
    assertThat(Topology.builder().server(LockServer.POSTGRES).masters(1).build().masters())
        .isEqualTo(1);
    assertThat(Topology.builder().build().server()).isEqualTo(LockServer.REDIS);
    assertThatThrownBy(() -> Topology.builder().server(LockServer.ZOOKEEPER).masters(5).build())
        .isInstanceOf(InputException.class)
        .hasMessage("topology: a zookeeper topology has 3 node(s), was 5");
    assertThatThrownBy(
            () ->
                Topology.builder()
                    .server(LockServer.POSTGRES)
                    .masters(1)
                    .serverClocks(true)
                    .build())
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no replicas, sentinels or server clocks");
  }

  @Test
  void rejectsZeroMasters() {
    assertThatThrownBy(() -> Topology.builder().masters(0).build())
        .isInstanceOf(InputException.class)
        .hasMessage("topology: masters must be in 1..9, was 0");
  }

  @Test
  void rejectsTenMasters() {
    assertThatThrownBy(() -> Topology.builder().masters(10).build())
        .isInstanceOf(InputException.class)
        .hasMessageContaining("masters must be in 1..9, was 10");
  }

  @Test
  void rejectsZeroClients() {
    assertThatThrownBy(() -> Topology.builder().clients(0).build())
        .isInstanceOf(InputException.class)
        .hasMessage("topology: clients must be in 1..64, was 0");
  }

  @Test
  void rejectsPersistenceForANodeThatDoesNotExist() {
    assertThatThrownBy(
            () -> Topology.builder().masters(3).persistence(3, Persistence.AOF_ALWAYS).build())
        .isInstanceOf(InputException.class)
        .hasMessage("topology: persistence names node 3 but nodes are 0..2");
  }

  @Test
  void parsesPersistenceNames() {
    assertThat(Topology.parsePersistence("none")).isEqualTo(Persistence.NONE);
    assertThat(Topology.parsePersistence("everysec")).isEqualTo(Persistence.AOF_EVERYSEC);
    assertThat(Topology.parsePersistence("AOF_ALWAYS")).isEqualTo(Persistence.AOF_ALWAYS);
    assertThatThrownBy(() -> Topology.parsePersistence("rdb"))
        .isInstanceOf(InputException.class)
        .hasMessage("topology: persistence must be none, everysec or always, was 'rdb'");
  }

  @Test
  void messagesAreOneLine() {
    assertThatThrownBy(() -> Topology.builder().masters(-1).build())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void anEtcdTopologyIsThreeMembersWithoutReplicasAndRunsOnlyLocally() {
    Topology etcd = Topology.builder().masters(3).clients(2).server(LockServer.ETCD).build();
    assertThat(etcd.server()).isEqualTo(LockServer.ETCD);
    assertThat(etcd.toString()).contains("etcd");
    assertThatThrownBy(() -> Topology.builder().masters(5).server(LockServer.ETCD).build())
        .isInstanceOf(InputException.class)
        .hasMessageContaining("3 node(s)");
    assertThatThrownBy(
            () -> Topology.builder().masters(3).replicas(true).server(LockServer.ETCD).build())
        .isInstanceOf(InputException.class);
    assertThatThrownBy(() -> new TestcontainersBackend().check(etcd))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("local backend");
  }
}
