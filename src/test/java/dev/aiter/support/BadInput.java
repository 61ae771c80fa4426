package dev.aiter.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;

/** Checks of contract 8: bad input fails at once with a message that names the argument. */
public final class BadInput {

  private BadInput() {
  }

  /**
   * Asserts that {@code call} throws {@code type} with a message naming {@code argument} as a word
   * (so that "f" is not found inside "for").
   */
  public static <E extends Throwable> E assertRejected(Class<E> type, String argument, Executable call) {
    E e = assertThrows(type, call);
    String message = e.getMessage();
    assertNotNull(message, "the message should name '" + argument + "'");
    Pattern named = Pattern.compile("(^|\\W)" + Pattern.quote(argument) + "(\\W|$)");
    assertTrue(named.matcher(message).find(), () -> "the message should name '" + argument + "': " + message);
    return e;
  }
}
