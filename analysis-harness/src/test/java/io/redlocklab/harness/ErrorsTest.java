package io.redlocklab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorsTest {

  @Test
  void keepsTheFirstNonBlankLineOfTheMessage() {
    assertThat(Errors.oneLine(new HarnessException("\n  cannot start  \n\tat x.y(Z.java:1)")))
        .isEqualTo("cannot start");
    assertThat(Errors.oneLine("one line", "absent")).isEqualTo("one line");
  }

  @Test
  void aMissingMessageBecomesTheClassNameOrTheGivenText() {
    assertThat(Errors.oneLine(new IllegalStateException())).isEqualTo("IllegalStateException");
    assertThat(Errors.oneLine(null, "syntax error")).isEqualTo("syntax error");
    assertThat(Errors.oneLine(" \n ", "syntax error")).isEqualTo("syntax error");
  }

  @Test
  void printableEscapesLineBreaksAndControlCharactersAndCutsLongText() {
    assertThat(Errors.printable("a\nb\r\tc\u0000d\u2028é😀", 100))
        .isEqualTo("a\\nb\\r\\tc\\u0000d\\u2028é😀");
    assertThat(Errors.printable("x".repeat(10), 4)).isEqualTo("xxxx… (10 characters)");
  }
}
