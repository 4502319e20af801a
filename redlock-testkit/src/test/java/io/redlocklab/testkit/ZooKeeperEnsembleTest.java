package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class ZooKeeperEnsembleTest {

  @Test
  void listeningPortsHoldsAPortWhileItListensOnly() throws IOException {
    int port;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(server.getInetAddress(), server.getLocalPort())) {
      port = server.getLocalPort();
      assertThat(ZooKeeperEnsemble.listeningPorts())
          .contains(port)
          .doesNotContain(client.getLocalPort()); // connected, not listening
    }
    assertThat(ZooKeeperEnsemble.listeningPorts()).doesNotContain(port);
  }
}
