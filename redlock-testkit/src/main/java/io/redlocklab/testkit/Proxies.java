package io.redlocklab.testkit;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Toxiproxy proxies on 127.0.0.1 in front of local servers. */
public final class Proxies {

  private static final int PORT_ATTEMPTS = 5;

  private Proxies() {}

  /**
   * Creates proxy {@code name} to 127.0.0.1:{@code upstreamPort} and returns its listen port.
   *
   * @see #create(ToxiproxyClient, String, String)
   */
  static int create(ToxiproxyClient client, String name, int upstreamPort) {
    return port(create(client, name, RedisServerProcess.HOST + ":" + upstreamPort));
  }

  /**
   * Creates proxy {@code name} to {@code upstream} ({@code host:port}), listening on a {@link
   * FreePorts} port of 127.0.0.1. A disabled proxy releases its port and binds it again when
   * enabled; such a port is reserved, so nothing else takes it in between.
   */
  public static Proxy create(ToxiproxyClient client, String name, String upstream) {
    for (int attempt = 1; ; attempt++) {
      String listen = RedisServerProcess.HOST + ":" + FreePorts.next();
      try {
        return client.createProxy(name, listen, upstream);
      } catch (IOException e) {
        // Bound by something outside FreePorts since it was handed out: try the next port.
        if (!String.valueOf(e.getMessage()).contains("address already in use")
            || attempt == PORT_ATTEMPTS) {
          throw new UncheckedIOException("cannot create proxy " + name + " on " + listen, e);
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
  static Proxy get(ToxiproxyClient client, String name) {
    try {
      return client.getProxy(name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read proxy " + name, e);
    }
  }

  /** Enables or disables proxy {@code name}; disabling closes its open connections. */
  static void setEnabled(ToxiproxyClient client, String name, boolean enabled) {
    try {
      Proxy proxy = client.getProxy(name);
      if (enabled) {
        proxy.enable();
      } else {
        proxy.disable();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot " + (enabled ? "enable" : "disable") + " " + name, e);
    }
  }
}
