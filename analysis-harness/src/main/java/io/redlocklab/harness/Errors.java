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
}
