package io.redlocklab.harness.scenario;

import io.redlocklab.harness.Errors;
import io.redlocklab.harness.InputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML node with typed accessors that fail with {@code file:line: what; expected ...}. A mapping
 * remembers which keys were read so that {@link #rejectUnknownKeys} can name a misspelt one.
 */
final class YamlNode {

  private final YamlSource source;
  private final Node node;
  private final String what;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> read = new LinkedHashSet<>();

  YamlNode(YamlSource source, Node node, String what) {
    this.source = source;
    this.node = node;
    this.what = what;
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
        if (key == null) {
          throw source.error(
              tuple.getKeyNode(), "a key in " + what + " is not a plain word", "key: value");
        }
        if (entries.putIfAbsent(key, tuple) != null) {
          throw source.error(
              tuple.getKeyNode(), "duplicate key '" + key + "' in " + what, "each key once");
        }
      }
    }
  }

  /** The underlying node, for {@link SweepReader}'s rewriting. */
  Node node() {
    return node;
  }

  /** The same node read afresh (no keys marked read), e.g. after a sweep rewrote the tree. */
  YamlNode reread() {
    return new YamlNode(source, node, what);
  }

  String where() {
    return source.at(node);
  }

  String file() {
    return source.name();
  }

  InputException error(String problem, String expected) {
    return source.error(node, problem, expected);
  }

  // ---- mappings

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  /** This node as a mapping; {@code expected} describes what the mapping holds. */
  YamlNode requireMapping(String expected) {
    if (!isMapping()) {
      throw error(what + " is " + kind(), "a mapping (" + expected + ")");
    }
    return this;
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  Set<String> keys() {
    return entries.keySet();
  }

  /** The value under {@code key}, or null when the key is absent; marks the key as read. */
  YamlNode get(String key) {
    read.add(key);
    NodeTuple tuple = entries.get(key);
    return tuple == null ? null : new YamlNode(source, tuple.getValueNode(), "'" + key + "'");
  }

  YamlNode require(String key, String expected) {
    YamlNode value = get(key);
    if (value == null) {
      throw error(what + " has no '" + key + "'", "'" + key + "': " + expected);
    }
    return value;
  }

  /** The key's own node, for errors about the key rather than its value. */
  YamlNode keyNode(String key) {
    return new YamlNode(source, entries.get(key).getKeyNode(), "key '" + key + "'");
  }

  /** Fails on the first key that was never read, listing the keys that are allowed. */
  void rejectUnknownKeys(Collection<String> allowed) {
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      if (!read.contains(entry.getKey()) && !allowed.contains(entry.getKey())) {
        throw source.error(
            entry.getValue().getKeyNode(),
            "unknown key '" + entry.getKey() + "' in " + what,
            "one of " + String.join(", ", allowed));
      }
    }
  }

  // ---- sequences

  boolean isSequence() {
    return node instanceof SequenceNode;
  }

  List<YamlNode> items(String expected) {
    if (!(node instanceof SequenceNode sequence)) {
      throw error(what + " is " + kind(), "a list (" + expected + ")");
    }
    List<YamlNode> items = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      items.add(new YamlNode(source, sequence.getValue().get(i), what + "[" + i + "]"));
    }
    return items;
  }

  // ---- scalars

  boolean isScalar() {
    return node instanceof ScalarNode;
  }

  String string(String expected) {
    if (!(node instanceof ScalarNode scalar) || node.getTag().equals(Tag.NULL)) {
      throw error(what + " is " + kind(), expected);
    }
    return scalar.getValue();
  }

  /** A non-blank text. */
  String text(String expected) {
    String value = string(expected);
    if (value.isBlank()) {
      throw error(what + " is empty", expected);
    }
    return value.trim();
  }

  long integer(long min, long max) {
    String expected = "a whole number in " + min + ".." + max;
    if (!(node instanceof ScalarNode scalar) || !node.getTag().equals(Tag.INT)) {
      throw error(what + " is " + kind(), expected);
    }
    long value;
    try {
      value = Long.parseLong(scalar.getValue().replace("_", "").replace("+", ""));
    } catch (NumberFormatException e) {
      throw error(what + " is '" + scalar.getValue() + "'", expected);
    }
    if (value < min || value > max) {
      throw error(what + " is " + value + ", out of range", expected);
    }
    return value;
  }

  double number(double min, double max, String expected) {
    if (!(node instanceof ScalarNode scalar)
        || !(node.getTag().equals(Tag.INT) || node.getTag().equals(Tag.FLOAT))) {
      throw error(what + " is " + kind(), expected);
    }
    double value;
    try {
      value = Double.parseDouble(scalar.getValue().replace("_", ""));
    } catch (NumberFormatException e) {
      throw error(what + " is '" + scalar.getValue() + "'", expected);
    }
    if (!(value >= min && value <= max)) {
      throw error(what + " is " + scalar.getValue() + ", out of range", expected);
    }
    return value;
  }

  boolean bool() {
    if (!(node instanceof ScalarNode scalar) || !node.getTag().equals(Tag.BOOL)) {
      throw error(what + " is " + kind(), "true or false");
    }
    return Boolean.parseBoolean(scalar.getValue().toLowerCase(java.util.Locale.ROOT))
        || scalar.getValue().equalsIgnoreCase("yes")
        || scalar.getValue().equalsIgnoreCase("on");
  }

  /** One of {@code choices}. */
  String choice(List<String> choices) {
    String expected = "one of " + String.join(", ", choices);
    String value = string(expected);
    if (!choices.contains(value)) {
      throw error(what + " is '" + value + "'", expected);
    }
    return value;
  }

  /** A text or a list of texts. */
  List<String> texts(String expected) {
    if (isSequence()) {
      List<String> texts = new ArrayList<>();
      for (YamlNode item : items(expected)) {
        texts.add(item.text(expected));
      }
      if (texts.isEmpty()) {
        throw error(what + " is an empty list", expected);
      }
      return texts;
    }
    return List.of(text(expected));
  }

  /** What the node is, for "... is a list" messages. */
  String kind() {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    Tag tag = node.getTag();
    String value = ((ScalarNode) node).getValue();
    if (tag.equals(Tag.NULL)) {
      return "empty";
    }
    if (tag.equals(Tag.INT)) {
      return "the number " + value;
    }
    if (tag.equals(Tag.FLOAT)) {
      return "the number " + value;
    }
    if (tag.equals(Tag.BOOL)) {
      return "the boolean " + value;
    }
    return "the text '" + Errors.printable(value, YamlSource.MAX_QUOTED) + "'";
  }
}
