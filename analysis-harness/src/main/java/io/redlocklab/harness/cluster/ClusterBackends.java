package io.redlocklab.harness.cluster;

import io.redlocklab.harness.InputException;
import io.redlocklab.testkit.ServerBinaries;
import java.util.Locale;

/**
 * Picks a backend by name. {@code auto} prefers local processes whenever redis-server and
 * toxiproxy-server are installed: they start in milliseconds and support every fault, server clocks
 * included. Only when they are missing does it fall back to Testcontainers, if a Docker engine
 * answers. The external backend needs endpoints, so it is built with {@link ExternalBackend#parse}
 * (library code: the command line offers only local and testcontainers).
 */
public final class ClusterBackends {

  public static final String AUTO = "auto";

  private ClusterBackends() {}

  /** {@code auto}, {@code local} or {@code testcontainers} (alias {@code docker}). */
  public static ClusterBackend byName(String name) {
    String key = name == null ? AUTO : name.trim().toLowerCase(Locale.ROOT);
    return switch (key) {
      case AUTO, "" -> automatic();
      case LocalProcessBackend.NAME -> new LocalProcessBackend();
      case TestcontainersBackend.NAME, "docker" -> new TestcontainersBackend();
      case ExternalBackend.NAME ->
          throw new InputException(
              "backend external needs endpoints: build it with ExternalBackend.parse(toxiproxyUrl,"
                  + " masters, resource)");
      default ->
          throw new InputException(
              "unknown backend '" + name + "': use auto, local or testcontainers");
    };
  }

  /** Local processes when the binaries are there, else Testcontainers when Docker answers. */
  public static ClusterBackend automatic() {
    if (LocalProcessBackend.available()) {
      return new LocalProcessBackend();
    }
    if (TestcontainersBackend.available()) {
      return new TestcontainersBackend();
    }
    throw new InputException(
        "no cluster backend: "
            + ServerBinaries.missing().orElse("")
            + ", and no Docker engine is reachable for the testcontainers backend");
  }
}
