package io.redlocklab.harness.lockclient;

/** Where one lock client reaches one server: its own proxy for that (client, server) link. */
public record Endpoint(String host, int port) {

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
