package io.redlocklab.harness.cluster;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The wall clock of one redis-server running under the clock shim ({@link ClockShim}). Writes the
 * server's control file, which the shim maps: {@code seq, real_anchor_ns, fake_anchor_ns, rate}
 * (little-endian, 32 bytes), so the server sees {@code fake = fake_anchor + elapsed + (long)
 * (elapsed * (rate - 1))} with {@code elapsed = real - real_anchor}. Updates follow the seqlock
 * protocol: seq becomes odd, the fields are written, seq becomes even, all with volatile stores.
 *
 * <p>Real time is {@link Instant#now()}, which on Linux reads {@code
 * clock_gettime(CLOCK_REALTIME)}, the clock the shim reads. The small error: a rate change
 * re-anchors at the instant sampled here, a few microseconds before the server can see the new
 * values, so fake time may step by that delay times the change in rate (well under a millisecond).
 * Jumps and resets are exact.
 *
 * <p>Thread-safe; it must be the only writer of its file.
 */
public final class ServerClock {

  static final int SIZE = 32;
  static final int SEQ = 0;
  static final int REAL_ANCHOR = 8;
  static final int FAKE_ANCHOR = 16;
  static final int RATE = 24;
  private static final VarHandle LONGS =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final Path file;
  private final Path library;
  private final MappedByteBuffer buffer;
  private long realAnchorNanos;
  private long fakeAnchorNanos;
  private double rate = 1.0;

  private ServerClock(Path file, Path library, MappedByteBuffer buffer) {
    this.file = file;
    this.library = library;
    this.buffer = buffer;
  }

  /** Creates {@code file} (or takes it over, keeping its seq) and sets it to real time. */
  static ServerClock create(Path file, Path library) {
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      try (FileChannel channel =
          FileChannel.open(
              absolute,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE)) {
        // The mapping outlives the channel; mapping grows the file to 32 bytes, never truncates it
        // (a server that maps a truncated file dies of SIGBUS).
        ServerClock clock =
            new ServerClock(
                absolute, library, channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE));
        clock.reset();
        return clock;
      }
    } catch (IOException e) {
      throw new ClockShimException(
          "cannot create the clock control file " + absolute + ": " + e, e);
    }
  }

  /** {@code LD_PRELOAD} and {@code REDLOCK_CLOCK_FILE} for the server this clock drives. */
  public Map<String, String> environment() {
    return Map.of("LD_PRELOAD", library.toString(), "REDLOCK_CLOCK_FILE", file.toString());
  }

  /** Steps the server's clock by {@code delta} (negative: backwards); the rate stays. */
  public synchronized void jump(Duration delta) {
    fakeAnchorNanos += delta.toNanos();
    publish();
  }

  /**
   * From now on the server's clock runs {@code rate} × real time, continuing from where it is (no
   * step).
   */
  public synchronized void setRate(double rate) {
    checkRate(rate);
    long now = realNanos();
    fakeAnchorNanos = fakeNanos(now);
    realAnchorNanos = now;
    this.rate = rate;
    publish();
  }

  /** From now on: real time + {@code offsetMillis}, running at {@code rate}. */
  public synchronized void set(long offsetMillis, double rate) {
    checkRate(rate);
    long now = realNanos();
    realAnchorNanos = now;
    fakeAnchorNanos = now + Duration.ofMillis(offsetMillis).toNanos();
    this.rate = rate;
    publish();
  }

  /** Back to real time at rate 1. */
  public synchronized void reset() {
    realAnchorNanos = 0;
    fakeAnchorNanos = 0;
    rate = 1.0;
    publish();
  }

  /** Server time minus real time, now. */
  public synchronized Duration currentOffset() {
    long now = realNanos();
    return Duration.ofNanos(fakeNanos(now) - now);
  }

  public synchronized double rate() {
    return rate;
  }

  /** The time the server sees at real time {@code realNanos}, computed exactly as the shim does. */
  synchronized long fakeNanos(long realNanos) {
    long elapsed = realNanos - realAnchorNanos;
    return fakeAnchorNanos + elapsed + (long) (elapsed * (rate - 1.0));
  }

  static long realNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private static void checkRate(double rate) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("clock rate must be a finite number > 0, got " + rate);
    }
  }

  private void publish() {
    long odd = (long) LONGS.getVolatile(buffer, SEQ) | 1; // stays odd if a writer died mid-update
    LONGS.setVolatile(buffer, SEQ, odd);
    LONGS.setVolatile(buffer, REAL_ANCHOR, realAnchorNanos);
    LONGS.setVolatile(buffer, FAKE_ANCHOR, fakeAnchorNanos);
    LONGS.setVolatile(buffer, RATE, Double.doubleToRawLongBits(rate));
    LONGS.setVolatile(buffer, SEQ, odd + 1);
  }

  @Override
  public String toString() {
    return "ServerClock["
        + file
        + ", offset "
        + currentOffset().toMillis()
        + " ms, rate "
        + rate()
        + "]";
  }
}
