package io.redlocklab.core;

import java.util.List;

/**
 * Turns a node's raw reply into a {@link NodeConnection.Command} result: a number for OK, null for
 * a refusal. A reply of any other shape is a protocol surprise and throws, so the node's outcome is
 * {@code ERROR}, never "held by another".
 */
final class Replies {

  private Replies() {}

  /** A script's number; nil (Lua false) means the node refused. */
  static Long counted(Object reply) {
    if (reply == null || reply instanceof Long) {
      return (Long) reply;
    }
    throw unexpected(reply, "a number or nil");
  }

  /** A compare-and-delete or compare-and-expire: 1 applied, 0 not ours (a refusal). */
  static Long applied(Object reply) {
    if (reply instanceof Long number && (number == 0L || number == 1L)) {
      return number == 1L ? 1L : null;
    }
    throw unexpected(reply, "0 or 1");
  }

  /** {@code SET NX PX}: OK applied, nil refused. */
  static Long setNx(String reply) {
    if (reply == null) {
      return null;
    }
    if ("OK".equals(reply)) {
      return 1L;
    }
    throw unexpected(reply, "OK or nil");
  }

  private static RedlockException unexpected(Object reply, String expected) {
    return new RedlockException("unexpected reply " + reply + "; expected " + expected, List.of());
  }
}
