package io.redlocklab.testkit;

import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Toxiproxy proxies on 127.0.0.1 in front of local servers. */
public final class Proxies {

  private static final int PORT_ATTEMPTS = 5;

  private Proxies() {}

  /**
   * Creates proxy {@code name} to 127.0.0.1:{@code upstreamPort} and returns its listen port.
   *
   * @see #create(ToxiproxyAdmin, String, String)
   */
  static int create(ToxiproxyAdmin admin, String name, int upstreamPort) {
    return port(create(admin, name, RedisServerProcess.HOST + ":" + upstreamPort));
  }

  /**
   * Creates proxy {@code name} to {@code upstream} ({@code host:port}), listening on a {@link
   * FreePorts} port of 127.0.0.1. A disabled proxy releases its port and binds it again when
   * enabled; such a port is reserved, so nothing else takes it in between.
   */
  public static Proxy create(ToxiproxyAdmin admin, String name, String upstream) {
    for (int attempt = 1; ; attempt++) {
      String listen = RedisServerProcess.HOST + ":" + FreePorts.next();
      try {
        return admin.createProxy(name, listen, upstream);
      } catch (IOException e) {
        // Bound by something outside FreePorts since it was handed out: try the next port.
        if (!String.valueOf(e.getMessage()).contains("address already in use")
            || attempt == PORT_ATTEMPTS) {
          throw new UncheckedIOException(
              "cannot create proxy " + name + " on " + listen + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /** The port of a proxy's listen address. */
  public static int port(Proxy proxy) {
    String listen = proxy.getListen();
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }

  /** The proxy, freshly read from the server. */
  static Proxy get(ToxiproxyAdmin admin, String name) {
    try {
      return admin.getProxy(name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read proxy " + name + ": " + e.getMessage(), e);
    }
  }

  /** Enables or disables proxy {@code name}; disabling closes its open connections. */
  static void setEnabled(ToxiproxyAdmin admin, String name, boolean enabled) {
    String what = (enabled ? "enable " : "disable ") + name;
    try {
      Proxy proxy = admin.getProxy(name);
      admin.run(what, enabled ? proxy::enable : proxy::disable);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
