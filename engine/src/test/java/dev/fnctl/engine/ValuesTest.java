package dev.fnctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.Ref;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

  @Test
  void numbersCompareByValueWhateverTheirJavaType() {
    assertTrue(Values.same(256, 256L));
    assertTrue(Values.same(new BigDecimal("200.00"), 200L));
    assertTrue(Values.same(0.5, new BigDecimal("0.50")));
    assertTrue(Values.same(Map.of("a", List.of(1)), Map.of("a", List.of(1L))));
    assertTrue(!Values.same(1, 2L));
  }

  @Test
  void aReferenceAnywhereInAValueMakesItUnknownUntilKnown() {
    Object v = Map.of("list", List.of("x", new Ref("q", "arn")));
    assertSame(Values.UNKNOWN, Values.resolve(v, r -> Values.UNKNOWN));
    assertEquals(
        Map.of("list", List.of("x", "arn:q")),
        Values.resolve(v, r -> r.output() + ":" + r.address()));
  }

  @Test
  void liveDigestIgnoresOrderButNotContent() {
    LiveResource a =
        new LiveResource("a", "t", "i", true, Map.of("m", 1, "n", 2), Map.of("id", "x"));
    LiveResource a2 =
        new LiveResource("a", "t", "i", true, Map.of("n", 2L, "m", 1L), Map.of("id", "x"));
    LiveResource b = new LiveResource("b", "t", "i", true, Map.of(), Map.of());
    assertEquals(
        LiveDigest.of(new LiveState(List.of(a, b))), LiveDigest.of(new LiveState(List.of(b, a2))));
    LiveResource changed =
        new LiveResource("a", "t", "i", true, Map.of("m", 1, "n", 3), Map.of("id", "x"));
    assertNotEquals(
        LiveDigest.of(new LiveState(List.of(a, b))),
        LiveDigest.of(new LiveState(List.of(changed, b))));
    LiveResource unowned =
        new LiveResource("a", "t", "i", false, Map.of("m", 1, "n", 2), Map.of("id", "x"));
    assertNotEquals(
        LiveDigest.of(new LiveState(List.of(a))), LiveDigest.of(new LiveState(List.of(unowned))));
  }

  @Test
  void suggestionsCatchTyposOnly() {
    assertEquals(
        "region", Suggestion.closest("regoin", List.of("profile", "region")).orElseThrow());
    assertEquals("local", Suggestion.closest("lcoal", List.of("cloud", "local")).orElseThrow());
    assertTrue(Suggestion.closest("bananas", List.of("cloud", "local")).isEmpty());
  }
}
