package io.redlocklab.testkit;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Toxiproxy proxies on 127.0.0.1 in front of local servers. */
final class Proxies {

  private Proxies() {}

  /**
   * Creates proxy {@code name} to 127.0.0.1:{@code upstreamPort} and returns its listen port.
   * Listening on port 0 lets toxiproxy pick a free port; it keeps that port across disable/enable.
   */
  static int create(ToxiproxyClient client, String name, int upstreamPort) {
    try {
      Proxy proxy =
          client.createProxy(
              name, RedisServerProcess.HOST + ":0", RedisServerProcess.HOST + ":" + upstreamPort);
      String listen = proxy.getListen();
      return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create proxy " + name, e);
    }
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
