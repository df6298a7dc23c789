package dev.fnctl.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"orders", "a", "orders-api", "v2", "a1-b2-c3", "abcdefghijklmnopqrst"})
  void acceptsNamesEveryCloudAccepts(String name) {
    assertEquals(Optional.empty(), Names.problem("stack", name, Names.STACK_MAX));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Orders",
        "orders_api",
        "2fast",
        "-x",
        "x-",
        "a--b",
        "or.ders",
        "abcdefghijklmnopqrstu",
        "ünï"
      })
  void refusesTheRest(String name) {
    assertTrue(Names.problem("stack", name, Names.STACK_MAX).isPresent(), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"API_KEY", "_X", "A1"})
  void environmentNames(String key) {
    assertTrue(Names.isVariableName(key));
    assertFalse(Names.isVariableName(key.toLowerCase(java.util.Locale.ROOT)));
  }
}
