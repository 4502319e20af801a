package io.redlocklab.harness.nemesis;

import java.util.function.IntConsumer;

/**
 * The workload's clients as JVM child processes ({@code clients_as: processes}), as the process
 * faults see them: a signal reaches every thread of a client at once (its watchdog, I/O pool and
 * event loops too), which a thread pause cannot do.
 */
public interface ClientProcesses {

  /** How often each child reports that it is alive; its messages stop while it is stopped. */
  long HEARTBEAT_MILLIS = 20;

  /**
   * From now on, when {@code client} reaches {@code point} it reports it and waits there until
   * {@code atPoint} (called off the client's path, with the client's index) returns.
   */
  void arm(int client, PausePoint point, String nemesis, IntConsumer atPoint);

  /** The client no longer stops at {@code point}; a client held there now is let go. */
  void disarm(int client, PausePoint point);

  /** Sends {@code signal} (STOP, CONT, KILL) to the client's JVM; a KILL is expected to end it. */
  void signal(int client, String signal);

  /** True while the client's JVM is stopped (state T in /proc). */
  boolean stopped(int client);

  /** Messages received from the client's JVM so far (records, heartbeats, point reports). */
  long messagesFrom(int client);

  /** The clients run as threads: no process to act on. */
  ClientProcesses NONE =
      new ClientProcesses() {
        @Override
        public void arm(int client, PausePoint point, String nemesis, IntConsumer atPoint) {
          throw none();
        }

        @Override
        public void disarm(int client, PausePoint point) {}

        @Override
        public void signal(int client, String signal) {
          throw none();
        }

        @Override
        public boolean stopped(int client) {
          return false;
        }

        @Override
        public long messagesFrom(int client) {
          return 0;
        }

        private IllegalStateException none() {
          return new IllegalStateException("the clients run as threads, not processes");
        }
      };
}
