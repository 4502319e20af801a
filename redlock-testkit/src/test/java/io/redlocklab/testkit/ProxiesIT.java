package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class ProxiesIT {

  @BeforeEach
  void requireServers() {
    RedisNodesExtension.requireServers();
  }

  @Test
  void aDisabledProxyGetsItsPortBackWhileOthersTakeEphemeralPortsMeanwhile() throws IOException {
    try (ToxiproxyServerProcess toxiproxy = ToxiproxyServerProcess.start();
        RedisServerProcess redis = RedisServerProcess.start()) {
      Proxy proxy = Proxies.create(toxiproxy.admin(), "cut-me", redis.host() + ":" + redis.port());
      int port = Proxies.port(proxy);
      assertThat(FreePorts.isEphemeral(port)).as("ephemeral port %d", port).isFalse();

      proxy.disable(); // the partition fault: toxiproxy closes the listener, the port is unbound
      assertThat(ping(port)).isFalse();
      List<AutoCloseable> grabbed = new ArrayList<>();
      try {
        // What other processes do meanwhile: servers on port 0, outgoing connections, FreePorts.
        for (int i = 0; i < 300; i++) {
          ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          grabbed.add(server);
          Socket client = new Socket();
          grabbed.add(client);
          client.connect(new InetSocketAddress(redis.host(), redis.port()), 1000);
          assertThat(List.of(server.getLocalPort(), client.getLocalPort(), FreePorts.next()))
              .doesNotContain(port);
        }
        proxy.enable(); // the heal: toxiproxy binds the same port again
      } finally {
        grabbed.forEach(ManagedProcess::closeQuietly);
      }

      assertThat(ping(port)).isTrue();
    }
  }

  private static boolean ping(int port) {
    try (Jedis jedis = new Jedis(RedisServerProcess.HOST, port, 1000)) {
      return "PONG".equals(jedis.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }
}
