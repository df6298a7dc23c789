package dev.fnctl.model.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
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

  @Test
  void aReferenceIsMaskedWhereverItIsMentionedAsAWholeWord() {
    String arn = "arn:aws:secretsmanager:eu-west-1:1:secret:db-??????";
    Map<String, Object> policy =
        Map.of(
            "Statement",
            java.util.List.of(
                Map.of("Sid", "SecretsRead", "Resource", java.util.List.of(arn)),
                Map.of("Sid", "TableRead", "Resource", java.util.List.of("arn:aws:dynamodb:x"))));
    ResourceChange c =
        new ResourceChange(
            "role",
            "t",
            "i",
            Action.CREATE,
            "",
            Map.of(),
            Map.of("policy", policy, "name", "db"),
            Set.of(),
            Set.of(),
            Set.of(),
            java.util.List.of());
    ResourceChange m = SensitiveValues.masked(c, Set.of("db"));
    assertEquals(Set.of("name", "policy.Statement.0.Resource.0"), m.sensitive());
    assertEquals(SensitiveValues.MASK, m.after().get("name"));
    String shown = m.after().toString();
    assertFalse(shown.contains("secret:db"), shown);
    assertTrue(shown.contains("arn:aws:dynamodb:x"), "dynamodb is not db: " + shown);
    assertEquals(
        SensitiveValues.digest("role", Map.of(), c.after(), m.sensitive()), m.sensitiveDigest());
    assertEquals(m.after(), SensitiveValues.masked(m, Set.of("db")).after(), "masked stays masked");
  }

  @Test
  void aChangedHiddenValueIsMarkedChangedAndAnUnchangedOneIsNot() {
    ResourceChange c =
        new ResourceChange(
            "fn",
            "t",
            "i",
            Action.UPDATE,
            "",
            values("key-1", "t0k", "live"),
            values("key-2", "t0k", "test"),
            Set.of(),
            Set.of(),
            SENSITIVE,
            java.util.List.of());
    ResourceChange m = SensitiveValues.masked(c, Set.of());
    assertEquals(SensitiveValues.MASK, m.before().get("secrets"));
    assertEquals(SensitiveValues.MASK_CHANGED, m.after().get("secrets"));
    assertEquals(Map.of("API_TOKEN", SensitiveValues.MASK, "MODE", "test"), m.after().get("env"));
    assertEquals(c.sensitiveDigest(), m.sensitiveDigest());
    assertEquals(
        m.after(), SensitiveValues.maskedAfter(m), "masking a masked change changes nothing");
    // A changed secret still reads as a change once masked.
    assertEquals(java.util.List.of("env", "secrets"), m.changedProperties());
  }

  @Test
  void mentionsIsAboutWholeWords() {
    assertTrue(SensitiveValues.mentions("stripe-key", "stripe-key"));
    assertTrue(SensitiveValues.mentions("arn:x:secret:stripe-key-??????", "stripe-key"));
    assertTrue(SensitiveValues.mentions("projects/p/secrets/db/versions/latest", "db"));
    assertFalse(SensitiveValues.mentions("dynamodb", "db"));
    assertFalse(SensitiveValues.mentions("db_backup", "db"));
    assertFalse(SensitiveValues.mentions("stripe-keyring", "stripe-key"));
  }

  @Test
  void anEmptyValueHidesNothingAndIsNotMasked() {
    Map<String, Object> none = new LinkedHashMap<>();
    none.put("secrets", Map.of());
    none.put("env", new LinkedHashMap<>(Map.of("MODE", "live")));
    ((Map<String, Object>) none.get("env")).put("API_TOKEN", null);
    assertEquals(none, SensitiveValues.masked(none, SENSITIVE));

    ResourceChange added =
        new ResourceChange(
            "fn",
            "t",
            "i",
            Action.UPDATE,
            "",
            Map.of("secrets", Map.of()),
            Map.of("secrets", Map.of("API_KEY", "stripe-key")),
            Set.of(),
            Set.of(),
            Set.of("secrets"),
            java.util.List.of());
    ResourceChange m = SensitiveValues.masked(added, Set.of());
    assertEquals(Map.of(), m.before().get("secrets"));
    assertEquals(
        SensitiveValues.MASK, m.after().get("secrets"), "a new secret is not a changed one");
  }
}
