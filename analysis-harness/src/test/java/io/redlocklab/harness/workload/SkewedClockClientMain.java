package io.redlocklab.harness.workload;

import java.util.concurrent.TimeUnit;

/**
 * A client JVM whose hello claims a clock an hour ahead ({@link ProcessClientsIT}): the harness
 * must refuse it as not sharing its CLOCK_MONOTONIC.
 */
public final class SkewedClockClientMain {

  public static void main(String[] args) throws Exception {
    try (ControlChannel channel = ControlChannel.connect(Integer.parseInt(args[0]))) {
      channel.send(
          ControlMessage.hello(
              Integer.parseInt(args[1]),
              System.nanoTime() + TimeUnit.HOURS.toNanos(1),
              ProcessHandle.current().pid()));
      channel.receive();
    }
  }
}
