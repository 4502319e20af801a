package io.redlocklab.harness.lockclient;

/**
 * What a lock client tells the workload while it works: the during-acquire pause point and the
 * renewals and losses that happen in its own threads. Instants are on the client's clock.
 */
public interface LeaseEvents {

  /** The acquire requests went out and the client waits for answers (the during-acquire point). */
  void requestsSent();

  /** The watchdog's renewal went out and it waits for answers (the during-renewal point). */
  default void renewalSent() {}

  /** A held lease was renewed and is now believed until {@code believedUntilNanos}. */
  void extended(String value, Long token, long believedUntilNanos);

  /** The client was told a held lease is gone; it must not be used from now on. */
  void lost(String value, Long token, String why);

  /** Events nobody listens to. */
  LeaseEvents NONE =
      new LeaseEvents() {
        @Override
        public void requestsSent() {}

        @Override
        public void extended(String value, Long token, long believedUntilNanos) {}

        @Override
        public void lost(String value, Long token, String why) {}
      };
}
