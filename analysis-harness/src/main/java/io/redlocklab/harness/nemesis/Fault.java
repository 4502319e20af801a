package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.InputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a scenario's {@code faults:} list, as docs/FAULTS.md describes it: a type, when it
 * starts, how long it lasts, how often it repeats, and its type-specific keys. Only the common keys
 * are checked here; {@link NemesisFactory} checks the rest against the topology.
 *
 * @param type e.g. {@code partition}
 * @param atMillis start, in ms from the start of the workload
 * @param durationMillis how long until it is healed; 0 when omitted
 * @param repeatEveryMillis start again every this many ms; 0 for no repeat
 * @param params the type-specific keys (e.g. {@code nodes}, {@code latency_ms}), as parsed from
 *     YAML
 */
public record Fault(
    String type,
    long atMillis,
    long durationMillis,
    long repeatEveryMillis,
    Map<String, Object> params) {

  public Fault {
    if (type == null || type.isBlank()) {
      throw new InputException("fault: 'type' is missing");
    }
    if (atMillis < 0) {
      throw new InputException("fault " + type + ": at_ms must be >= 0, was " + atMillis);
    }
    if (durationMillis < 0) {
      throw new InputException(
          "fault " + type + ": duration_ms must be >= 0, was " + durationMillis);
    }
    if (repeatEveryMillis < 0 || (repeatEveryMillis > 0 && repeatEveryMillis <= durationMillis)) {
      throw new InputException(
          "fault "
              + type
              + ": repeat_every_ms must be greater than duration_ms ("
              + durationMillis
              + "), was "
              + repeatEveryMillis);
    }
    params = Map.copyOf(params);
  }

  /** A fault without type-specific keys or repetition (handy in code and tests). */
  public static Fault of(
      String type, long atMillis, long durationMillis, Map<String, Object> params) {
    return new Fault(type, atMillis, durationMillis, 0, params);
  }

  /**
   * Reads a whole YAML entry: {@code type}, {@code at_ms}, {@code duration_ms}, {@code
   * repeat_every_ms}; every other key becomes a param.
   */
  public static Fault fromMap(Map<String, ?> entry) {
    Map<String, Object> params = new LinkedHashMap<>();
    entry.forEach(
        (key, value) -> {
          if (value == null) {
            throw new InputException("fault: key '" + key + "' has no value");
          }
          params.put(key, value);
        });
    Object type = params.remove("type");
    String name = type == null ? null : type.toString();
    return new Fault(
        name,
        millis(name, "at_ms", params.remove("at_ms"), 0),
        millis(name, "duration_ms", params.remove("duration_ms"), 0),
        millis(name, "repeat_every_ms", params.remove("repeat_every_ms"), 0),
        params);
  }

  static long millis(String type, String key, Object value, long absent) {
    if (value == null) {
      return absent;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      return number.longValue();
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new InputException(
          "fault " + type + ": " + key + " must be a whole number of ms, was '" + value + "'");
    }
  }
}
