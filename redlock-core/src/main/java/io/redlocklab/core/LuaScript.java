package io.redlocklab.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script and its SHA-1, so it can be sent with {@code EVALSHA} and resent with {@code EVAL}.
 */
record LuaScript(String source, String sha1) {

  /** Deletes the key only if it still holds our value. */
  static final LuaScript RELEASE =
      of(
          """
          if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('DEL', KEYS[1])
          end
          return 0\
          """);

  /** Resets the key's expiry only if it still holds our value; never creates the key. */
  static final LuaScript EXTEND =
      of(
          """
          if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])
          end
          return 0\
          """);

  /**
   * SET NX PX and, where it succeeds, increments the resource's fencing counter; nil when taken.
   */
  static final LuaScript ACQUIRE_FENCED =
      of(
          """
          if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
            return redis.call('INCR', KEYS[2])
          end
          return false\
          """);

  /**
   * {@link #ACQUIRE_FENCED}, and the counter is floored at the node's clock in milliseconds ({@code
   * TIME}), so that a counter lost in a restart starts again near the present, not at 1.
   */
  static final LuaScript ACQUIRE_FENCED_CLOCK_FLOOR =
      of(
          """
          if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
            local token = redis.call('INCR', KEYS[2])
            local now = redis.call('TIME')
            local millis = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            if token < millis then
              redis.call('SET', KEYS[2], string.format('%d', millis))
              return millis
            end
            return token
          end
          return false\
          """);

  /**
   * Raises the fencing counter to at least the granted token: {@code counter = max(counter,
   * token)}.
   */
  static final LuaScript RAISE_COUNTER =
      of(
          """
          local current = tonumber(redis.call('GET', KEYS[1]) or '0')
          local token = tonumber(ARGV[1])
          if current < token then
            redis.call('SET', KEYS[1], ARGV[1])
            return token
          end
          return current\
          """);

  static LuaScript of(String source) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
      return new LuaScript(source, HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every JVM", e);
    }
  }
}
