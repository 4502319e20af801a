package io.redlocklab.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control file the C shim reads, written by ServerClock: no server, no compiler. */
class ServerClockTest {

  private static final Path LIBRARY = Path.of("/opt/shim/libclockshim.so");

  @TempDir Path dir;

  /** The file as the shim sees it: seq, real anchor, fake anchor, rate; little-endian. */
  private record Fields(long seq, long realAnchor, long fakeAnchor, double rate) {
    static Fields read(Path file) throws IOException {
      byte[] bytes = Files.readAllBytes(file);
      assertThat(bytes).hasSize(ServerClock.SIZE);
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      return new Fields(b.getLong(0), b.getLong(8), b.getLong(16), b.getDouble(24));
    }
  }

  @Test
  void aNewClockIsTheIdentityWithAnEvenSeq() throws IOException {
    ServerClock clock = ServerClock.create(dir.resolve("n0/clock"), LIBRARY);

    Fields f = Fields.read(dir.resolve("n0/clock"));
    assertThat(f).isEqualTo(new Fields(2, 0, 0, 1.0));
    assertThat(clock.currentOffset()).isZero();
    assertThat(clock.environment())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "LD_PRELOAD",
                "/opt/shim/libclockshim.so",
                "REDLOCK_CLOCK_FILE",
                dir.resolve("n0/clock").toAbsolutePath().toString()));
  }

  @Test
  void aJumpMovesTheFakeAnchorOnly() throws IOException {
    ServerClock clock = ServerClock.create(dir.resolve("clock"), LIBRARY);

    clock.jump(Duration.ofSeconds(60));
    assertThat(Fields.read(dir.resolve("clock"))).isEqualTo(new Fields(4, 0, 60_000_000_000L, 1.0));
    assertThat(clock.currentOffset()).isEqualTo(Duration.ofSeconds(60));

    clock.jump(Duration.ofMillis(-90_500));
    assertThat(Fields.read(dir.resolve("clock")))
        .isEqualTo(new Fields(6, 0, -30_500_000_000L, 1.0));
    assertThat(clock.currentOffset()).isEqualTo(Duration.ofMillis(-30_500));
  }

  @Test
  void aRateChangeReAnchorsAtRealTimeWithoutAStep() throws IOException {
    ServerClock clock = ServerClock.create(dir.resolve("clock"), LIBRARY);
    clock.jump(Duration.ofSeconds(10));

    long before = ServerClock.realNanos();
    clock.setRate(5.0);
    long after = ServerClock.realNanos();

    Fields f = Fields.read(dir.resolve("clock"));
    assertThat(f.seq()).isEqualTo(6);
    assertThat(f.realAnchor()).isBetween(before, after);
    assertThat(f.fakeAnchor() - f.realAnchor()).isEqualTo(10_000_000_000L); // continuous: no step
    assertThat(f.rate()).isEqualTo(5.0);
    // One second of real time later the server is 4 s further ahead.
    assertThat(clock.fakeNanos(f.realAnchor() + 1_000_000_000L) - f.realAnchor())
        .isEqualTo(15_000_000_000L);
  }

  @Test
  void aSlowClockFallsBehind() {
    ServerClock clock = ServerClock.create(dir.resolve("clock"), LIBRARY);
    clock.setRate(0.5);
    long anchor = ServerClock.realNanos();
    // fake(anchor + 2 s) - fake(anchor) = 1 s
    assertThat(clock.fakeNanos(anchor + 2_000_000_000L) - clock.fakeNanos(anchor))
        .isCloseTo(1_000_000_000L, within(1L));
  }

  @Test
  void setPutsTheClockAtAnOffsetAndRate() throws IOException {
    ServerClock clock = ServerClock.create(dir.resolve("clock"), LIBRARY);
    clock.set(-2_000, 2.0);

    Fields f = Fields.read(dir.resolve("clock"));
    assertThat(f.fakeAnchor() - f.realAnchor()).isEqualTo(-2_000_000_000L);
    assertThat(f.rate()).isEqualTo(2.0);
    assertThat(clock.rate()).isEqualTo(2.0);
  }

  @Test
  void resetIsTheIdentityAgain() throws IOException {
    ServerClock clock = ServerClock.create(dir.resolve("clock"), LIBRARY);
    clock.jump(Duration.ofMinutes(5));
    clock.setRate(3);
    clock.reset();

    assertThat(Fields.read(dir.resolve("clock"))).isEqualTo(new Fields(8, 0, 0, 1.0));
    assertThat(clock.currentOffset()).isZero();
  }

  @Test
  void rejectsRatesThatAreNotPositiveAndFinite() {
    ServerClock clock = ServerClock.create(dir.resolve("clock"), LIBRARY);
    for (double rate : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> clock.setRate(rate))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("clock rate must be a finite number > 0, got " + rate);
      assertThatThrownBy(() -> clock.set(0, rate)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(clock.rate()).isEqualTo(1.0);
  }

  @Test
  void takingOverAFileKeepsItsSeqAndNeverShrinksIt() throws IOException {
    Path file = dir.resolve("clock");
    ByteBuffer old = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    old.putLong(0, 41); // odd: a writer died mid-update
    old.putLong(16, 123);
    old.putDouble(24, 7.0);
    Files.write(file, old.array());

    ServerClock.create(file, LIBRARY);

    assertThat(Files.size(file)).isEqualTo(40);
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getLong(0)).isEqualTo(42);
    assertThat(b.getLong(8)).isZero();
    assertThat(b.getLong(16)).isZero();
    assertThat(b.getDouble(24)).isEqualTo(1.0);
  }
}
