package io.redlocklab.testkit;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that start servers themselves (call it in {@code @BeforeEach}): aborts the test when a
 * server it needs is missing, with one line naming the package and how to install it (printed once
 * per kind on stderr); when the environment variable {@code CI} is {@code true} it fails instead:
 * CI never skips.
 */
public final class RequireServers {

  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

  private RequireServers() {}

  public static void etcd() {
    require("etcd", ServerBinaries.missingEtcd());
  }

  public static void zooKeeper() {
    require("ZooKeeper", ServerBinaries.missingZooKeeper());
  }

  public static void postgres() {
    require("PostgreSQL", ServerBinaries.missingPostgres());
  }

  static void require(String kind, Optional<String> missing) {
    if (missingOutsideCi(kind, missing)) {
      Assumptions.abort(missing.orElseThrow());
    }
  }

  /**
   * True when {@code missing} names a problem outside CI (said once per kind on stderr); on CI a
   * problem throws.
   */
  static boolean missingOutsideCi(String kind, Optional<String> missing) {
    if (missing.isEmpty()) {
      return false;
    }
    if (onCi()) {
      throw new IllegalStateException(missing.get());
    }
    if (REPORTED.add(kind)) {
      System.err.println("SKIPPING " + kind + " tests: " + missing.get());
    }
    return true;
  }

  static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
