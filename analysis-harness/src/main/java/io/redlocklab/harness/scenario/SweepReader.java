package io.redlocklab.harness.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a scenario's {@code sweep:} and expands it at the YAML level: for each value, the swept key
 * of the file's node tree gets the value's own node, and the file is read again as one scenario
 * row. Every check of a plain scenario then applies to each value, and an error names the value's
 * line.
 */
final class SweepReader {

  static final List<String> KEYS = List.of("parameter", "values", "boundary", "citation");
  static final String SYNTAX = "workload.KEY or faults[INDEX].KEY, a key written in the file";
  private static final Pattern PARAMETER =
      Pattern.compile("(?:workload\\.([a-z_]+))|(?:faults\\[(\\d{1,6})]\\.([a-z_]+))");

  /** A swept value: its node (with its line) and the row it describes. */
  record Row(Node value, SweepPoint point) {}

  private final MappingNode owner;
  private final int slotIndex;
  private final List<Row> rows = new ArrayList<>();

  /**
   * @param name the scenario's name (the sweep's)
   * @param root the whole file, whose tree the rows rewrite
   * @param node the {@code sweep:} mapping
   */
  SweepReader(String name, YamlNode root, YamlNode node) {
    node.requireMapping(String.join(", ", KEYS));
    node.rejectUnknownKeys(KEYS);
    YamlNode parameterNode = node.require("parameter", SYNTAX);
    String parameter = parameterNode.text(SYNTAX);
    this.owner = owner(root, parameterNode, parameter);
    String key = parameter.substring(parameter.lastIndexOf('.') + 1);
    int index = -1;
    for (int i = 0; i < owner.getValue().size(); i++) {
      Node k = owner.getValue().get(i).getKeyNode();
      if (k instanceof ScalarNode s && s.getValue().equals(key)) {
        index = i;
      }
    }
    if (index < 0) {
      throw parameterNode.error(
          "sweep parameter '" + parameter + "' names no key written in the file", SYNTAX);
    }
    this.slotIndex = index;
    double boundary =
        node.require("boundary", "the value where the theory says the outcome changes")
            .number(-Double.MAX_VALUE, Double.MAX_VALUE, "a number");
    String citation = node.require("citation", "where the boundary comes from").text("a citation");
    YamlNode valuesNode = node.require("values", "a list of numbers, one row each");
    List<YamlNode> values = valuesNode.items("numbers, one row each");
    if (values.isEmpty()) {
      throw valuesNode.error("'values' is empty", "a non-empty list of numbers, one row each");
    }
    List<String> labels = new ArrayList<>();
    for (YamlNode value : values) {
      double number = value.number(-Double.MAX_VALUE, Double.MAX_VALUE, "a number");
      String label = value.string("a number");
      if (labels.contains(label)) {
        throw value.error("sweep value " + label + " is listed twice", "each value once");
      }
      labels.add(label);
      rows.add(
          new Row(
              value.node(), new SweepPoint(name, parameter, number, label, boundary, citation)));
    }
  }

  List<Row> rows() {
    return rows;
  }

  /** Puts {@code row}'s value into the file's tree, in place of the swept key's value. */
  void apply(Row row) {
    NodeTuple old = owner.getValue().get(slotIndex);
    owner.getValue().set(slotIndex, new NodeTuple(old.getKeyNode(), row.value()));
  }

  private static MappingNode owner(YamlNode root, YamlNode at, String parameter) {
    Matcher m = PARAMETER.matcher(parameter);
    if (!m.matches()) {
      throw at.error("unknown sweep parameter '" + parameter + "'", SYNTAX);
    }
    Node section;
    if (m.group(1) != null) {
      section = child(root.node(), "workload");
    } else {
      Node faults = child(root.node(), "faults");
      int index = Integer.parseInt(m.group(2));
      if (!(faults instanceof SequenceNode list) || index >= list.getValue().size()) {
        throw at.error(
            "sweep parameter '" + parameter + "' names a fault the file does not have",
            "faults[0.." + (size(faults) - 1) + "].KEY");
      }
      section = list.getValue().get(index);
    }
    if (!(section instanceof MappingNode mapping)) {
      throw at.error("unknown sweep parameter '" + parameter + "'", SYNTAX);
    }
    return mapping;
  }

  private static int size(Node node) {
    return node instanceof SequenceNode list ? list.getValue().size() : 0;
  }

  private static Node child(Node mapping, String key) {
    if (mapping instanceof MappingNode m) {
      for (NodeTuple tuple : m.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
          return tuple.getValueNode();
        }
      }
    }
    return new ScalarNode(Tag.NULL, "", null, null, DumperOptions.ScalarStyle.PLAIN);
  }
}
