package io.redlocklab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listen ports on 127.0.0.1 that nothing else on the machine is handed while this JVM lives.
 *
 * <p>Ports come from outside the kernel's ephemeral range ({@code ip_local_port_range}), so no
 * outgoing connection and no bind to port 0 (another test's server or proxy) can take one, also
 * while its owner has released it: a disabled Toxiproxy proxy or a crashed server binds the same
 * port again. Between JVMs the range is split into blocks of {@link #BLOCK_SIZE} ports; a JVM owns
 * a block by an exclusive lock on {@code <tmpdir>/redlock-lab-ports/<first port>.lock}, released
 * when the JVM exits (even on SIGKILL). A JVM hands out its ports in order, skipping any it cannot
 * bind, and locks another block when one is used up; past {@link #MAX_BLOCKS} blocks it starts
 * again at its oldest, so a port comes back only after {@code MAX_BLOCKS * BLOCK_SIZE - 1} others.
 */
public final class FreePorts {

  static final int BLOCK_SIZE = 64;
  public static final int MAX_BLOCKS = 8;

  /** The folder under the temp dir that holds the lock files. */
  public static final String LOCK_DIR = "redlock-lab-ports";

  static final int LOWEST = 10_000;
  static final int HIGHEST = 65_535;

  // Lock files this JVM holds: opening one again and closing it would drop the lock (POSIX).
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();
  private static final Path RANGE_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final FreePorts SHARED =
      new FreePorts(
          Path.of(System.getProperty("java.io.tmpdir"), LOCK_DIR),
          blockStarts(ephemeralRange()),
          ProcessHandle.current().pid());

  private final Path lockDir;
  private final List<Integer> blockStarts;
  private final Deque<Block> owned = new ArrayDeque<>();
  private int nextBlockIndex;
  private Block current;
  private int cursor;

  FreePorts(Path lockDir, List<Integer> blockStarts, long seed) {
    if (blockStarts.isEmpty()) {
      throw new IllegalStateException(
          "no port block outside the ephemeral range "
              + ephemeralRange()
              + ": narrow "
              + RANGE_FILE);
    }
    this.lockDir = lockDir;
    this.blockStarts = List.copyOf(blockStarts);
    this.nextBlockIndex = (int) Math.floorMod(seed, (long) blockStarts.size());
  }

  /** A port that is free now and reserved for this JVM. */
  public static int next() {
    return SHARED.take();
  }

  /** The kernel's ephemeral range {low, high}; 32768-60999 (Linux's default) when unreadable. */
  static int[] ephemeralRange() {
    try {
      String[] parts = Files.readString(RANGE_FILE).trim().split("\\s+");
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (IOException | RuntimeException e) {
      return new int[] {32_768, 60_999};
    }
  }

  /** True when the kernel may pick {@code port} for a bind to port 0 or an outgoing connection. */
  static boolean isEphemeral(int port) {
    int[] range = ephemeralRange();
    return port >= range[0] && port <= range[1];
  }

  /** The first port of each whole block in [LOWEST, HIGHEST] that misses {@code ephemeral}. */
  static List<Integer> blockStarts(int[] ephemeral) {
    List<Integer> starts = new ArrayList<>();
    for (int start = LOWEST; start + BLOCK_SIZE - 1 <= HIGHEST; start += BLOCK_SIZE) {
      int end = start + BLOCK_SIZE - 1;
      if (end < ephemeral[0] || start > ephemeral[1]) {
        starts.add(start);
      }
    }
    return starts;
  }

  synchronized int take() {
    for (int tried = 0; tried <= MAX_BLOCKS * BLOCK_SIZE; tried++) {
      if (current == null || cursor == current.start + BLOCK_SIZE) {
        current = nextBlock();
        cursor = current.start;
      }
      int port = cursor++;
      if (bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no bindable port in the blocks of " + owned);
  }

  private Block nextBlock() {
    if (owned.size() < MAX_BLOCKS) {
      for (int tried = 0; tried < blockStarts.size(); tried++) {
        int start = blockStarts.get(nextBlockIndex);
        nextBlockIndex = (nextBlockIndex + 1) % blockStarts.size();
        Block block = tryLock(start);
        if (block != null) {
          owned.addLast(block);
          return block;
        }
      }
    }
    if (owned.isEmpty()) {
      throw new IllegalStateException(
          "every port block is locked by other JVMs: see the lock files in " + lockDir);
    }
    Block oldest = owned.removeFirst();
    owned.addLast(oldest);
    return oldest;
  }

  // Null when another JVM or another FreePorts of this JVM holds it. The channel stays open.
  private Block tryLock(int start) {
    Path file = lockDir.resolve(start + ".lock").toAbsolutePath();
    if (!HELD_HERE.add(file)) {
      return null;
    }
    try {
      Files.createDirectories(lockDir);
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return new Block(start, lock);
      }
      channel.close();
      HELD_HERE.remove(file);
      return null;
    } catch (IOException e) {
      HELD_HERE.remove(file);
      throw new UncheckedIOException("cannot lock port block " + start + " in " + lockDir, e);
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true); // as servers bind: a port with TIME_WAIT leftovers is free
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private record Block(int start, FileLock lock) {
    @Override
    public String toString() {
      return start + "-" + (start + BLOCK_SIZE - 1);
    }
  }
}
