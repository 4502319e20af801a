package io.redlocklab.testkit;

/**
 * Child JVM for {@link ReferenceServersLifecycleIT}: starts an etcd cluster, a ZooKeeper ensemble
 * and a PostgreSQL server, prints their run dirs, then every server pid, then waits to be killed.
 */
public final class OrphanedReferenceServersMain {

  public static void main(String[] args) throws InterruptedException {
    EtcdCluster etcd = EtcdCluster.start();
    ZooKeeperEnsemble zookeeper = ZooKeeperEnsemble.start();
    PostgresServer postgres = PostgresServer.start();
    System.out.println("dir " + etcd.runDir());
    System.out.println("dir " + zookeeper.runDir());
    System.out.println("dir " + postgres.runDir());
    for (int i = 0; i < EtcdCluster.SIZE; i++) {
      System.out.println(etcd.pid(i));
    }
    for (int i = 0; i < ZooKeeperEnsemble.SIZE; i++) {
      System.out.println(zookeeper.pid(i));
    }
    postgres.processTree().forEach(System.out::println);
    System.out.println(etcd.toxiproxy().pid());
    System.out.println(zookeeper.toxiproxy().pid());
    System.out.println(postgres.toxiproxy().pid());
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(120_000);
  }
}
