package io.redlocklab.harness.scenario;

import io.redlocklab.harness.Errors;
import io.redlocklab.harness.InputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * One YAML file parsed to a node tree (not to Java objects), so that every value keeps its line and
 * every error can say {@code file:line: what was wrong; expected ...}.
 */
final class YamlSource {

  private final String name;

  private YamlSource(String name) {
    this.name = name;
  }

  /** Far above any scenario file (a few KB); a larger file is refused before it is parsed. */
  static final int MAX_CHARS = 1 << 20;

  /** The longest quoted value in a message; the rest is cut off. */
  static final int MAX_QUOTED = 200;

  /** The longest problem text in a message (it quotes values, each cut to {@link #MAX_QUOTED}). */
  private static final int MAX_PROBLEM = 1000;

  /** The file's root node with its source; throws a one-line {@link InputException}. */
  static YamlNode parse(Path file) {
    YamlSource source = new YamlSource(file.toString());
    String text = source.read(file);
    if (text.length() > MAX_CHARS) {
      throw new InputException(
          source.name
              + ":1: the file has "
              + text.length()
              + " characters; expected a scenario or suite file of at most "
              + MAX_CHARS);
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setCodePointLimit(MAX_CHARS);
    try {
      Node root = new Yaml(options).compose(new StringReader(text));
      if (root == null) {
        throw new InputException(source.name + ":1: the file is empty; expected a YAML mapping");
      }
      return new YamlNode(source, root, "the file");
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 1 : mark.getLine() + 1;
      throw source.syntaxError(line, Errors.oneLine(e.getProblem(), "syntax error"));
    } catch (ReaderException e) {
      throw new InputException(
          source.name
              + ":"
              + lineOfCodePoint(text, e.getPosition())
              + ": character "
              + String.format("U+%04X", e.getCodePoint())
              + " is not allowed in YAML; expected printable characters (escape others in a"
              + " double-quoted string)");
    } catch (YAMLException e) {
      // limits without a position: nesting depth, aliases of collections
      throw source.syntaxError(1, Errors.oneLine(e.getMessage(), "syntax error"));
    }
  }

  /** The file as strict UTF-8; a bad byte is a one-line error naming its line. */
  private String read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputException(name + ": no such file");
    } catch (IOException e) {
      throw new InputException(
          name
              + ": cannot read ("
              + (Files.isDirectory(file) ? "a directory" : Errors.oneLine(e))
              + "); expected a scenario (*.yaml) or suite (*.suite.yaml) file");
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw new InputException(
          name
              + ":"
              + line
              + ": "
              + String.format("byte 0x%02X", bytes[in.position()] & 0xFF)
              + " is not UTF-8; expected a UTF-8 text file");
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  private InputException syntaxError(int line, String problem) {
    return new InputException(
        name
            + ":"
            + line
            + ": not valid YAML ("
            + Errors.printable(problem, MAX_QUOTED)
            + "); expected YAML key: value pairs");
  }

  /** The 1-based line of the {@code index}-th code point of {@code text}. */
  private static int lineOfCodePoint(String text, int index) {
    int line = 1;
    int[] codePoints = text.codePoints().limit(Math.max(0, index)).toArray();
    for (int c : codePoints) {
      line += c == '\n' ? 1 : 0;
    }
    return line;
  }

  String name() {
    return name;
  }

  /** {@code file:line} of a node (1-based line). */
  String at(Node node) {
    return name + ":" + (node.getStartMark().getLine() + 1);
  }

  /** {@code file:line: what; expected ...}; quoted values escaped and cut to stay one line. */
  InputException error(Node node, String what, String expected) {
    return new InputException(
        at(node)
            + ": "
            + Errors.printable(what, MAX_PROBLEM)
            + "; expected "
            + Errors.printable(expected, Integer.MAX_VALUE));
  }
}
