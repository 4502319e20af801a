package io.redlocklab.harness.cluster;

/** What a backend can do to its servers beyond routing traffic through Toxiproxy. */
public enum Capability {
  /** Signal, kill and restart server processes (pause-node, crash-node, failover). */
  PROCESS_CONTROL,
  /** Move a server's wall clock (clock-jump, clock-drift) through the LD_PRELOAD clock shim. */
  SERVER_CLOCK
}
