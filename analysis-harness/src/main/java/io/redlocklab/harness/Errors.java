package io.redlocklab.harness;

/** Error text for one-line messages: the CLI, failed cells and scenario errors print one line. */
public final class Errors {

  private Errors() {}

  /** The first non-blank line of {@code e}'s message, trimmed; its class name when it has none. */
  public static String oneLine(Throwable e) {
    return oneLine(e.getMessage(), e.getClass().getSimpleName());
  }

  /** The first non-blank line of {@code text}, trimmed; {@code absent} when there is none. */
  public static String oneLine(String text, String absent) {
    if (text == null) {
      return absent;
    }
    return text.lines()
        .map(String::trim)
        .filter(line -> !line.isEmpty())
        .findFirst()
        .orElse(absent);
  }

  /**
   * {@code text} made safe to quote inside a one-line message: line breaks and other control
   * characters escaped ({@code \n}, {@code \u0007}), cut to {@code max} characters with an
   * ellipsis.
   */
  public static String printable(String text, int max) {
    StringBuilder safe = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              int type = Character.getType(c);
              if (c == '\n') {
                safe.append("\\n");
              } else if (c == '\r') {
                safe.append("\\r");
              } else if (c == '\t') {
                safe.append("\\t");
              } else if (type == Character.CONTROL
                  || type == Character.LINE_SEPARATOR
                  || type == Character.PARAGRAPH_SEPARATOR
                  || type == Character.SURROGATE
                  || type == Character.UNASSIGNED) {
                safe.append(String.format("\\u%04X", c));
              } else {
                safe.appendCodePoint(c);
              }
            });
    if (safe.length() <= max) {
      return safe.toString();
    }
    return safe.substring(0, max) + "… (" + text.length() + " characters)";
  }
}
