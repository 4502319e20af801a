package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreePortsTest {

  @TempDir Path lockDir;

  @Test
  void returnsAPortThatCanBeBoundOnLoopback() throws IOException {
    int port = FreePorts.next();

    assertThat(port).isBetween(1024, 65535);
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void handsOutDistinctPortsThatTheKernelNeverPicksAsEphemeral() {
    List<Integer> ports = IntStream.range(0, 200).map(i -> FreePorts.next()).boxed().toList();

    assertThat(ports).doesNotHaveDuplicates();
    assertThat(ports).noneMatch(FreePorts::isEphemeral);
  }

  @Test
  void blocksLieOutsideTheEphemeralRange() {
    List<Integer> starts = FreePorts.blockStarts(new int[] {32_768, 60_999});

    assertThat(starts).contains(FreePorts.LOWEST, 32_656, 61_008); // last below, first above
    assertThat(starts)
        .allSatisfy(
            start ->
                assertThat(start + FreePorts.BLOCK_SIZE - 1 < 32_768 || start > 60_999).isTrue());
    assertThat(FreePorts.blockStarts(new int[] {1024, 65_535})).isEmpty();
  }

  @Test
  void twoOwnersOfOneLockDirectoryNeverShareAPort() {
    List<Integer> starts = FreePorts.blockStarts(FreePorts.ephemeralRange());
    FreePorts first = new FreePorts(lockDir, starts, 7);
    FreePorts second = new FreePorts(lockDir, starts, 7); // same seed: same first block

    Set<Integer> firstPorts = take(first, 3 * FreePorts.BLOCK_SIZE);
    Set<Integer> secondPorts = take(second, 3 * FreePorts.BLOCK_SIZE);

    assertThat(firstPorts)
        .hasSize(3 * FreePorts.BLOCK_SIZE)
        .doesNotContainAnyElementsOf(secondPorts);
  }

  @Test
  void skipsABlockThatAnotherJvmHolds() throws Exception {
    List<Integer> starts = FreePorts.blockStarts(FreePorts.ephemeralRange());
    int held = starts.get(5);
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PortBlockHolderMain.class.getName(),
                lockDir.resolve(held + ".lock").toString())
            .redirectErrorStream(true)
            .start();
    try {
      assertThat(new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine())
          .isEqualTo("locked");

      int port = new FreePorts(lockDir, starts, 5).take();

      assertThat(port < held || port >= held + FreePorts.BLOCK_SIZE).as("port %d", port).isTrue();
      assertThat(port).isBetween(starts.get(6), starts.get(6) + FreePorts.BLOCK_SIZE - 1);
    } finally {
      holder.destroyForcibly().waitFor();
    }
  }

  @Test
  void startsAgainAtItsOldestBlockOnlyAfterMaxBlocks() {
    FreePorts ports = new FreePorts(lockDir, FreePorts.blockStarts(FreePorts.ephemeralRange()), 3);
    int firstPort = ports.take();

    Set<Integer> handedOut = take(ports, FreePorts.MAX_BLOCKS * FreePorts.BLOCK_SIZE - 1);

    assertThat(handedOut).doesNotContain(firstPort);
    assertThat(ports.take()).isEqualTo(firstPort);
  }

  private static Set<Integer> take(FreePorts ports, int count) {
    Set<Integer> taken = new HashSet<>();
    for (int i = 0; i < count; i++) {
      taken.add(ports.take());
    }
    return taken;
  }
}
