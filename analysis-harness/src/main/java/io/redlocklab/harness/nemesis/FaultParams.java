package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.InputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one fault's type-specific keys, each with a one-line {@link InputException} naming the
 * fault, the key and the allowed values. Keys that are never read are rejected by {@link
 * #rejectUnread()}, so a typo does not silently become a default.
 */
final class FaultParams {

  private final String where;
  private final Map<String, Object> params;
  private final Set<String> read = new HashSet<>();

  FaultParams(String where, Map<String, Object> params) {
    this.where = where;
    this.params = params;
  }

  InputException error(String message) {
    return new InputException(where + ": " + message);
  }

  boolean has(String key) {
    return params.containsKey(key);
  }

  /** Indices in {@code 0..count-1}: a list, one number, or {@code all}; required. */
  List<Integer> indices(String key, int count, String what) {
    if (!has(key)) {
      throw error("'" + key + "' is missing (a list of " + what + " indices, or all)");
    }
    return indicesOrAll(key, count, what);
  }

  /** Like {@link #indices} but every index when the key is omitted. */
  List<Integer> indicesOrAll(String key, int count, String what) {
    read.add(key);
    Object value = params.get(key);
    if (value == null || "all".equals(value)) {
      return range(count);
    }
    List<?> items = value instanceof List<?> list ? list : List.of(value);
    if (items.isEmpty()) {
      throw error("'" + key + "' is empty");
    }
    Set<Integer> indices = new LinkedHashSet<>();
    for (Object item : items) {
      int index = index(key, item);
      if (index < 0 || index >= count) {
        throw error(
            what + " " + index + " does not exist (" + what + "s are 0.." + (count - 1) + ")");
      }
      if (!indices.add(index)) {
        throw error("'" + key + "' names " + what + " " + index + " twice");
      }
    }
    return List.copyOf(indices);
  }

  /**
   * {@code sees}: for each client (list position or map key), the nodes it can still reach; every
   * other (client, node) link is cut. Clients not mentioned see every node.
   */
  List<int[]> cutLinksFromViews(String key, int clients, int nodes) {
    read.add(key);
    Object value = params.get(key);
    List<int[]> cut = new ArrayList<>();
    if (value instanceof List<?> list) {
      if (list.size() > clients) {
        throw error(
            "'" + key + "' has views for " + list.size() + " clients but there are " + clients);
      }
      for (int client = 0; client < list.size(); client++) {
        addCuts(cut, client, list.get(client), nodes);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        int client = index(key, entry.getKey());
        if (client < 0 || client >= clients) {
          throw error(
              "client " + client + " does not exist (clients are 0.." + (clients - 1) + ")");
        }
        addCuts(cut, client, entry.getValue(), nodes);
      }
    } else {
      throw error(
          "'" + key + "' must list, per client, the nodes it can reach, e.g. [[0,1,2],[2,3,4]]");
    }
    return cut;
  }

  private void addCuts(List<int[]> cut, int client, Object view, int nodes) {
    Set<Integer> visible = new TreeSet<>();
    for (Object item : view instanceof List<?> list ? list : List.of(view)) {
      int node = index("sees", item);
      if (node < 0 || node >= nodes) {
        throw error("node " + node + " does not exist (nodes are 0.." + (nodes - 1) + ")");
      }
      visible.add(node);
    }
    for (int node = 0; node < nodes; node++) {
      if (!visible.contains(node)) {
        cut.add(new int[] {client, node});
      }
    }
  }

  /** A whole number of ms within {@code [min, max]}; required. */
  long millis(String key, long min, long max) {
    if (!has(key)) {
      throw error("'" + key + "' is missing");
    }
    return millis(key, min, max, 0);
  }

  /** A whole number of ms within {@code [min, max]}, or {@code absent} when omitted. */
  long millis(String key, long min, long max, long absent) {
    read.add(key);
    if (!has(key)) {
      return absent;
    }
    long value = Fault.millis(where, key, params.get(key), absent);
    if (value < min || value > max) {
      throw error(key + " must be in " + min + ".." + max + ", was " + value);
    }
    return value;
  }

  /** A rate > 0 (and at most 1000); required. */
  double rate(String key) {
    read.add(key);
    Object value = params.get(key);
    if (value == null) {
      throw error("'" + key + "' is missing (a clock rate > 0, 1 = real time)");
    }
    double rate;
    try {
      rate =
          value instanceof Number number
              ? number.doubleValue()
              : Double.parseDouble(value.toString());
    } catch (NumberFormatException e) {
      throw error(key + " must be a number, was '" + value + "'");
    }
    if (!(rate > 0) || rate > 1000 || Double.isNaN(rate)) {
      throw error(key + " must be > 0 (and at most 1000), was " + value);
    }
    return rate;
  }

  /** One of {@code choices} (case-insensitive), or {@code absent} when omitted. */
  String choice(String key, String absent, String... choices) {
    read.add(key);
    Object value = params.get(key);
    if (value == null) {
      if (absent == null) {
        throw error("'" + key + "' is missing (one of " + String.join(", ", choices) + ")");
      }
      return absent;
    }
    String choice = value.toString().trim().toLowerCase(Locale.ROOT);
    for (String allowed : choices) {
      if (allowed.equals(choice)) {
        return allowed;
      }
    }
    throw error(key + " must be one of " + String.join(", ", choices) + ", was '" + value + "'");
  }

  void rejectUnread() {
    for (String key : params.keySet()) {
      if (!read.contains(key)) {
        throw error("unknown key '" + key + "'");
      }
    }
  }

  private int index(String key, Object item) {
    if (item instanceof Integer || item instanceof Long) {
      return ((Number) item).intValue();
    }
    try {
      return Integer.parseInt(item.toString().trim());
    } catch (NumberFormatException e) {
      throw error("'" + key + "' must hold whole-number indices, was '" + item + "'");
    }
  }

  private static List<Integer> range(int count) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(i);
    }
    return List.copyOf(all);
  }
}
