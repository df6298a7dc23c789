package dev.fnctl.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void readsWhatItWritesWithTheSameBytes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", "tab\\there \"quoted\" \u0001 é");
    m.put("a", List.of(1L, new BigDecimal("2.50"), true, false));
    m.put("n", null);
    m.put("empty", Map.of());
    String text = Json.write(m);
    assertEquals(m, Json.parse(text));
    assertEquals(text, Json.write(Json.parse(text)));
  }

  @Test
  void keepsKeyOrderAndNumberKinds() {
    Map<String, Object> m = Json.parseObject("{\"b\": 1, \"a\": 1.5, \"c\": 12345678901234567890}");
    assertEquals(List.of("b", "a", "c"), List.copyOf(m.keySet()));
    assertEquals(1L, m.get("b"));
    assertEquals(new BigDecimal("1.5"), m.get("a"));
    assertEquals(new BigDecimal("12345678901234567890"), m.get("c"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\": [1, 2", "{\"a\": \"cut", "{\"a\":", "{", "[", "{\"a\": tr"})
  void cutOffTextIsAnErrorWithAPosition(String text) {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
    assertTrue(e.line() >= 1, e.getMessage());
    assertTrue(e.getMessage().startsWith("line 1, column "), e.getMessage());
  }

  @Test
  void aCutOffFileSaysSo() {
    JsonException e =
        assertThrows(JsonException.class, () -> Json.parse("{\n  \"changes\": [\n    {\"a\": 1"));
    assertEquals("the JSON ends early (is the file cut off?)", e.problem());
    assertEquals(3, e.line());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\": 1", "{\"a\": 1,", "[1, {\"b\": [true]", "{\"a\": {\"b\": 2}"})
  void everyCutOffSaysSo(String text) {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
    assertEquals("the JSON ends early (is the file cut off?)", e.problem(), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\\q\"", "\"\\u12\"", "\"\\u12G4\"", "\"a\u0001b\""})
  void invalidEscapesAndControlCharactersAreRefused(String text) {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
    assertEquals(1, e.line(), e.getMessage());
    assertTrue(!e.problem().contains("[Source"), e.problem());
  }

  @Test
  void validEscapesAreRead() {
    assertEquals("a\"\\/\b\f\n\r\té", Json.parse("\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\""));
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep));
    assertTrue(e.problem().contains(String.valueOf(Json.MAX_DEPTH)), e.problem());
    String objects = "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000);
    assertThrows(JsonException.class, () -> Json.parse(objects));
  }

  @Test
  void nestingUpToTheLimitIsRead() {
    int depth = Json.MAX_DEPTH;
    Object v = Json.parse("[".repeat(depth) + "]".repeat(depth));
    for (int i = 1; i < depth; i++) v = ((List<?>) v).get(0);
    assertEquals(List.of(), v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e999999999", "-1e-999999999", "1e99999999999", "2e-2147483648"})
  void hugeNumbersAreRefused(String number) {
    JsonException e =
        assertThrows(JsonException.class, () -> Json.parse("{\"n\": " + number + "}"));
    assertEquals(1, e.line());
  }

  @Test
  void overlongNumbersAreRefused() {
    assertThrows(JsonException.class, () -> Json.parse("1" + "0".repeat(5000)));
    assertThrows(JsonException.class, () -> Json.parse("0." + "1".repeat(5000)));
  }

  @Test
  void largeButSaneNumbersAreRead() {
    assertEquals(new BigDecimal("1E+300"), Json.parse("1e300"));
    assertEquals(Long.MAX_VALUE, Json.parse(String.valueOf(Long.MAX_VALUE)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "{} {}",
        "{\"a\": 1} x",
        "{\"a\": 1, \"a\": 2}",
        "[1,]",
        "{'a': 1}",
        "NaN"
      })
  void anythingButOneJsonValueIsRefused(String text) {
    assertThrows(JsonException.class, () -> Json.parse(text));
  }

  @Test
  void parseObjectWantsAnObject() {
    assertThrows(JsonException.class, () -> Json.parseObject("[1]"));
  }
}
