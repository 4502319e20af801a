package io.redlocklab.testkit;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds the lock file given as the argument, as another JVM's FreePorts would, until stdin ends.
 */
public final class PortBlockHolderMain {

  private PortBlockHolderMain() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel channel =
        FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.lock();
      System.out.println("locked");
      System.out.flush();
      System.in.read();
    }
  }
}
