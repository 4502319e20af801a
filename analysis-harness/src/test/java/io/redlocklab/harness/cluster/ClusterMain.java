package io.redlocklab.harness.cluster;

/**
 * Starts a small cluster in the run directory {@code args[0]}, prints its pids on one line, and
 * waits to be interrupted or killed. Run in a child JVM by {@link LocalClusterIT} to prove that
 * Ctrl-C and SIGKILL leave no server behind.
 */
public final class ClusterMain {

  public static void main(String[] args) throws InterruptedException {
    RunningCluster cluster =
        new LocalProcessBackend(java.nio.file.Path.of(args[0]))
            .start(Topology.builder().masters(2).clients(1).replicas(true).build());
    System.out.println("pids " + cluster.pids());
    System.out.flush();
    Thread.sleep(120_000);
    cluster.close();
  }
}
