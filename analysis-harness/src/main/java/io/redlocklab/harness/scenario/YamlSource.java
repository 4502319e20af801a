package io.redlocklab.harness.scenario;

import io.redlocklab.harness.Errors;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.InputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One YAML file parsed to a node tree (not to Java objects), so that every value keeps its line and
 * every error can say {@code file:line: what was wrong; expected ...}.
 */
final class YamlSource {

  private final String name;

  private YamlSource(String name) {
    this.name = name;
  }

  /** The file's root node with its source; throws a one-line {@link InputException}. */
  static YamlNode parse(Path file) {
    YamlSource source = new YamlSource(file.toString());
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Node root = new Yaml(options).compose(reader);
      if (root == null) {
        throw new InputException(source.name + ":1: the file is empty; expected a YAML mapping");
      }
      return new YamlNode(source, root, "the file");
    } catch (NoSuchFileException e) {
      throw new InputException(source.name + ": no such file");
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 1 : mark.getLine() + 1;
      throw new InputException(
          source.name
              + ":"
              + line
              + ": not valid YAML ("
              + Errors.oneLine(e.getProblem(), "syntax error")
              + "); expected YAML key: value pairs");
    } catch (YAMLException e) {
      throw new InputException(
          source.name
              + ": not valid YAML ("
              + Errors.oneLine(e.getMessage(), "syntax error")
              + ")");
    } catch (IOException e) {
      throw new HarnessException("cannot read " + source.name + ": " + e.getMessage(), e);
    }
  }

  String name() {
    return name;
  }

  /** {@code file:line} of a node (1-based line). */
  String at(Node node) {
    return name + ":" + (node.getStartMark().getLine() + 1);
  }

  InputException error(Node node, String what, String expected) {
    return new InputException(at(node) + ": " + what + "; expected " + expected);
  }
}
