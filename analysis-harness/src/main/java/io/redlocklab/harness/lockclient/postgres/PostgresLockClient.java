package io.redlocklab.harness.lockclient.postgres;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.lockclient.Endpoint;
import io.redlocklab.harness.lockclient.HeldLease;
import io.redlocklab.harness.lockclient.LockClient;
import io.redlocklab.harness.lockclient.LockClientContext;
import io.redlocklab.harness.lockclient.LockClientFactory;
import io.redlocklab.harness.lockclient.LockClientTraits;
import io.redlocklab.harness.lockclient.LockRefusedException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A session-level PostgreSQL advisory lock ({@code pg_try_advisory_lock}) over pgjdbc: one session
 * per workload client. The lock has no TTL; the server keeps it until the session unlocks it or
 * ends (the client's connection closes, the backend or the server dies).
 *
 * <p>How a lost session shows to the holder: while it holds the lock a heartbeat sends {@code
 * SELECT 1} every TTL/10, bounded by a network timeout of TTL/4 (a server that crashed closes the
 * connection, so the next heartbeat fails at once). The holder believes it holds the lock until one
 * TTL after the start of the last heartbeat that succeeded (on the injected clock, reported as a
 * renewal), and gives it up at once (a lost notice) when a heartbeat fails. The TTL is only the
 * holder's bound on how stale that belief may get: nothing on the server expires.
 *
 * <p>The fencing token is {@code nextval} of one sequence, taken in the holder's session after the
 * lock was granted. A sequence never goes back, not even over a crash (it is WAL-logged ahead of
 * use, so a crash skips values), so a later grant gets a larger token.
 */
public final class PostgresLockClient implements LockClient {

  static final String SEQUENCE = "redlocklab_fence";

  private final LockClientContext context;
  private final boolean fenced;
  private final MonotonicClock clock;
  private final SplittableRandom random;
  private final ScheduledExecutorService heartbeats;
  private final Object session = new Object();
  private Connection connection;
  private boolean sequenceReady;

  private PostgresLockClient(LockClientContext context, boolean fenced) {
    this.context = context;
    this.fenced = fenced;
    this.clock = context.clock();
    this.random = new SplittableRandom(context.seed());
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "pg-heartbeat-c" + context.client());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Validity on the injected clock; the heartbeat is its watchdog; no during-acquire hook. */
  public static LockClientTraits traits(boolean fenced) {
    return new LockClientTraits(true, LockClientTraits.workloadPausePoints(), fenced, true);
  }

  public static LockClientFactory factory(boolean fenced) {
    return context -> new PostgresLockClient(context, fenced);
  }

  /** A stable 64-bit advisory-lock key for {@code resource} (FNV-1a over its UTF-8 bytes). */
  static long key(String resource) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : resource.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return hash;
  }

  @Override
  public HeldLease acquire(String resource, Duration wait) {
    long key = key(resource);
    long deadline = clock.nanoTime() + wait.toNanos();
    String last = "no attempt";
    while (true) {
      long start = clock.nanoTime();
      try {
        synchronized (session) {
          Connection c = connection();
          if (tryLock(c, key)) {
            Long token = fenced ? nextToken(c) : null;
            return new Held(key, token, backendPid(c), start);
          }
        }
        last = "LockTaken: pg_try_advisory_lock(" + key + ") = false";
      } catch (SQLException e) {
        last = "SQLException " + e.getSQLState() + ": " + e.getMessage();
        closeSession();
      }
      long left = deadline - clock.nanoTime();
      if (left <= 0) {
        throw new LockRefusedException(last, List.of(where() + ": " + last));
      }
      long backoff = 1 + random.nextLong(Math.max(2, context.retryMax().toMillis()));
      sleep(Math.min(backoff, TimeUnit.NANOSECONDS.toMillis(left) + 1));
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      Endpoint server = context.servers().get(0);
      Properties props = new Properties();
      props.setProperty("user", "postgres");
      props.setProperty("ApplicationName", "redlocklab-c" + context.client());
      props.setProperty("connectTimeout", Long.toString(seconds(context.nodeTimeout())));
      props.setProperty("tcpKeepAlive", "true");
      connection =
          DriverManager.getConnection(
              "jdbc:postgresql://" + server.host() + ":" + server.port() + "/postgres", props);
      connection.setAutoCommit(true);
      connection.setNetworkTimeout(Runnable::run, (int) Math.max(1, context.ttl().toMillis() / 4));
      sequenceReady = false;
    }
    return connection;
  }

  private static long seconds(Duration timeout) {
    return Math.max(1, (timeout.toMillis() + 999) / 1000);
  }

  private int heartbeatMillis() {
    return (int) Math.max(1, context.ttl().toMillis() / 10);
  }

  private static boolean tryLock(Connection c, long key) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      statement.setLong(1, key);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  private long nextToken(Connection c) throws SQLException {
    if (!sequenceReady) {
      try (Statement statement = c.createStatement()) {
        statement.execute("CREATE SEQUENCE IF NOT EXISTS " + SEQUENCE);
      } catch (SQLException e) {
        // Two sessions creating it at once: one wins (23505 / 42P07), the sequence exists.
        if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
          throw e;
        }
      }
      sequenceReady = true;
    }
    try (Statement statement = c.createStatement();
        ResultSet result = statement.executeQuery("SELECT nextval('" + SEQUENCE + "')")) {
      result.next();
      return result.getLong(1);
    }
  }

  private static int backendPid(Connection c) throws SQLException {
    try (Statement statement = c.createStatement();
        ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
      result.next();
      return result.getInt(1);
    }
  }

  private String where() {
    return "postgres " + context.servers().get(0);
  }

  private void closeSession() {
    synchronized (session) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException e) {
          // Already broken: closing is all that was left to do.
        }
        connection = null;
      }
    }
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
    closeSession();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LockRefusedException("interrupted while waiting to retry", List.of());
    }
  }

  private final class Held implements HeldLease {
    private final long key;
    private final Long token;
    private final String value;
    private final List<String> detail = new ArrayList<>();
    private final ScheduledFuture<?> heartbeat;
    private volatile long believedUntil;
    private volatile boolean lost;
    private boolean released;

    Held(long key, Long token, int backendPid, long start) {
      this.key = key;
      this.token = token;
      this.value = "pg-" + backendPid + "-" + Long.toHexString(random.nextLong());
      this.believedUntil = start + context.ttl().toNanos();
      detail.add(
          where()
              + ": pg_try_advisory_lock("
              + key
              + ") = true, backend "
              + backendPid
              + (token == null ? "" : ", nextval = " + token));
      long every = heartbeatMillis();
      this.heartbeat =
          heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    private void beat() {
      long start = clock.nanoTime();
      try {
        synchronized (session) {
          if (released || lost) {
            return;
          }
          if (connection == null) {
            throw new SQLException("the session was closed");
          }
          // Never a new connection: a new session would not hold the lock.
          try (Statement statement = connection.createStatement();
              ResultSet result = statement.executeQuery("SELECT 1")) {
            result.next();
          }
        }
        believedUntil = start + context.ttl().toNanos();
        context.events().extended(value, token, believedUntil);
      } catch (SQLException | RuntimeException e) {
        lost = true;
        heartbeat.cancel(false);
        closeSession();
        context.events().lost(value, token, "heartbeat failed: " + e.getMessage());
      }
    }

    @Override
    public String value() {
      return value;
    }

    @Override
    public Long token() {
      return token;
    }

    @Override
    public long believedUntilNanos() {
      return believedUntil;
    }

    @Override
    public boolean lost() {
      return lost;
    }

    @Override
    public List<String> acquireDetail() {
      return List.copyOf(detail);
    }

    @Override
    public String release() {
      heartbeat.cancel(false);
      synchronized (session) {
        released = true;
        if (lost || connection == null) {
          return "session already ended: the server released the lock with it";
        }
        try (PreparedStatement statement =
            connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
          statement.setLong(1, key);
          try (ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getBoolean(1)
                ? "pg_advisory_unlock = true"
                : "pg_advisory_unlock = false (not held by this session)";
          }
        } catch (SQLException e) {
          closeSession();
          return "unlock failed (" + e.getSQLState() + "), session closed: " + e.getMessage();
        }
      }
    }
  }
}
