package io.redlocklab.testkit;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Toxiproxy's admin API with a bound on every call. toxiproxy-java opens its HttpURLConnections
 * with no timeouts and offers no way to set them, so each call runs on its own daemon thread and
 * the caller waits at most {@link #bound()}. A call that hangs keeps its thread until the server
 * closes the connection (when it is killed, at the latest); the caller gets an {@link IOException}
 * naming the admin address and the call. The thread itself ends at the latest {@link
 * #THREAD_LIFETIME} after its call started: the JDK's default connect and read timeouts for
 * URLConnections ({@code sun.net.client.defaultConnectTimeout}/{@code defaultReadTimeout}) are set
 * to it when this class loads, unless they are set already. They apply to every URLConnection in
 * the JVM that sets no timeout of its own; in this project only toxiproxy-java's.
 */
public final class ToxiproxyAdmin {

  /** Far above a healthy local call (milliseconds), far below a cell's length. */
  public static final Duration DEFAULT_BOUND = Duration.ofSeconds(5);

  /** How long a hung call's thread may live, whatever its peer does. */
  public static final Duration THREAD_LIFETIME = Duration.ofSeconds(15);

  static {
    limitUrlConnectionTimeouts();
  }

  /**
   * Sets the JDK's default URLConnection timeouts to {@link #THREAD_LIFETIME} unless set already.
   * The JDK reads them once, when its first URLConnection opens, so a class of this project that
   * opens one calls this when it loads.
   */
  static void limitUrlConnectionTimeouts() {
    String millis = Long.toString(THREAD_LIFETIME.toMillis());
    for (String property :
        List.of("sun.net.client.defaultConnectTimeout", "sun.net.client.defaultReadTimeout")) {
      if (System.getProperty(property) == null) {
        System.setProperty(property, millis);
      }
    }
  }

  /** An admin call through the client, or through a {@link Proxy} or toxic it returned. */
  public interface Call<T> {
    T call() throws IOException;
  }

  /** A {@link Call} without a result. */
  public interface Action {
    void run() throws IOException;
  }

  private static final Executor OWN_THREAD =
      task -> {
        Thread thread = new Thread(task, "toxiproxy-admin");
        thread.setDaemon(true);
        thread.start();
      };

  private final String host;
  private final int port;
  private final Duration bound;
  private final ToxiproxyClient client;

  public ToxiproxyAdmin(String host, int port) {
    this(host, port, DEFAULT_BOUND);
  }

  public ToxiproxyAdmin(String host, int port, Duration bound) {
    this.host = host;
    this.port = port;
    this.bound = bound;
    this.client = new ToxiproxyClient(host, port);
  }

  /** {@code host:port} of the admin API. */
  public String address() {
    return host + ":" + port;
  }

  public Duration bound() {
    return bound;
  }

  public Proxy createProxy(String name, String listen, String upstream) throws IOException {
    return call(
        "create proxy " + name + " (" + listen + " -> " + upstream + ")",
        () -> client.createProxy(name, listen, upstream));
  }

  public Proxy getProxy(String name) throws IOException {
    return call("get proxy " + name, () -> client.getProxy(name));
  }

  public List<Proxy> getProxies() throws IOException {
    return call("list proxies", client::getProxies);
  }

  /** Removes every toxic and enables every proxy. */
  public void reset() throws IOException {
    run("reset", client::reset);
  }

  public void run(String what, Action action) throws IOException {
    call(
        what,
        () -> {
          action.run();
          return null;
        });
  }

  /**
   * Runs {@code call} within {@link #bound()}.
   *
   * @throws IOException the call's own, or "Toxiproxy admin API at ADDRESS did not answer WHAT
   *     within N ms" (an {@link InterruptedIOException} when the caller was interrupted)
   */
  public <T> T call(String what, Call<T> call) throws IOException {
    CompletableFuture<T> future =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return call.call();
              } catch (IOException e) {
                throw new CompletionException(e);
              }
            },
            OWN_THREAD);
    try {
      return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException(
          "Toxiproxy admin API at "
              + address()
              + " did not answer "
              + what
              + " within "
              + bound.toMillis()
              + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(
          "interrupted waiting for Toxiproxy admin API at " + address() + ": " + what);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public String toString() {
    return "Toxiproxy admin API at " + address();
  }
}
