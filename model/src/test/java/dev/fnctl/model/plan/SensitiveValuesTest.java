package dev.fnctl.model.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensitiveValuesTest {
  private static final Set<String> SENSITIVE = Set.of("secrets", "env.API_TOKEN");

  private static Map<String, Object> values(String secret, String token, String mode) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("API_TOKEN", token);
    env.put("MODE", mode);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("secrets", Map.of("KEY", secret));
    m.put("env", env);
    return m;
  }

  @Test
  void maskingReplacesSensitiveValuesAtAnyDepthAndKeepsTheRest() {
    Map<String, Object> masked =
        SensitiveValues.masked(values("stripe-key", "t0k", "live"), SENSITIVE);
    assertEquals(SensitiveValues.MASK, masked.get("secrets"));
    assertEquals(Map.of("API_TOKEN", SensitiveValues.MASK, "MODE", "live"), masked.get("env"));
    assertEquals(
        masked, SensitiveValues.masked(masked, SENSITIVE), "masking a masked plan changes nothing");
  }

  @Test
  void theDigestChangesWithASensitiveValueOnlyAndHoldsNoneOfThem() {
    String digest =
        SensitiveValues.digest("a", Map.of(), values("stripe-key", "t0k", "live"), SENSITIVE);
    assertEquals(
        digest,
        SensitiveValues.digest("a", Map.of(), values("stripe-key", "t0k", "test"), SENSITIVE));
    assertNotEquals(
        digest,
        SensitiveValues.digest("a", Map.of(), values("other-key", "t0k", "live"), SENSITIVE));
    assertNotEquals(
        digest,
        SensitiveValues.digest("a", Map.of(), values("stripe-key", "t1k", "live"), SENSITIVE));
    assertNotEquals(
        digest,
        SensitiveValues.digest("a", values("stripe-key", "t0k", "live"), Map.of(), SENSITIVE));
    assertNotEquals(
        digest,
        SensitiveValues.digest("b", Map.of(), values("stripe-key", "t0k", "live"), SENSITIVE));
    assertFalse(digest.contains("stripe"));
    assertNull(
        SensitiveValues.digest("a", Map.of(), values("stripe-key", "t0k", "live"), Set.of()));
  }

  @Test
  void aChangeMadeFromRealValuesCarriesTheirDigest() {
    ResourceChange c =
        new ResourceChange(
            "a",
            "t",
            "i",
            Action.CREATE,
            "",
            Map.of(),
            values("k", "t", "m"),
            Set.of(),
            Set.of(),
            SENSITIVE,
            java.util.List.of());
    assertEquals(
        SensitiveValues.digest("a", Map.of(), values("k", "t", "m"), SENSITIVE),
        c.sensitiveDigest());
  }
}
