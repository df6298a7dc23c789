package dev.fnctl.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Severity;
import dev.fnctl.model.spec.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretMaterialTest {
  private static final String STRIPE = "sk_live_51HxQ2cLkP0aZ9yVb3TgR7uWm";
  private static final String GITHUB = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5";
  private static final String RANDOM = "q8Zr2+Lx7Vb0Tn5Wk/3Jd9Hf6Gs1Mc4Pa";

  @TempDir Path tmp;

  @Test
  void wellKnownKeyPrefixesAndRandomTokensLookLikeSecrets() {
    assertEquals(Optional.of("a Stripe live key"), SecretMaterial.looksLike(STRIPE));
    assertEquals(Optional.of("a GitHub token"), SecretMaterial.looksLike(GITHUB));
    assertEquals(
        Optional.of("an AWS access key id"), SecretMaterial.looksLike("AKIAIOSFODNN7EXAMPLE"));
    assertEquals(
        Optional.of("a Slack token"), SecretMaterial.looksLike("xoxb-1234567890-abcdefghij"));
    assertEquals(Optional.of("a random-looking token"), SecretMaterial.looksLike(RANDOM));
  }

  @Test
  void referencesAndPlainConfigurationDoNot() {
    for (String value :
        List.of(
            "stripe-key",
            "prod/stripe/api-key",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/Stripe2024-AbCdEf",
            "projects/acme-prod/secrets/stripe-key/versions/latest",
            "https://acme-vault.vault.azure.net/secrets/StripeKey2024",
            "thumbnails-local-thumbs",
            "0f3c9a2be7d14c6e9a8b7c6d5e4f3a2b1c0d9e8f",
            "123e4567-e89b-12d3-a456-426614174000",
            "ThisIsAnOrdinaryCamelCaseSettingName2")) {
      assertEquals(Optional.empty(), SecretMaterial.looksLike(value), value);
    }
  }

  @Test
  void aKeyUnderSecretsIsAnErrorAndUnderEnvAWarningNeitherShowingTheValue() throws Exception {
    Path file = tmp.resolve("fnctl.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "apiVersion: fnctl.dev/v1",
            "stack: demo",
            "defaults: { runtime: python3.12, env: { SHARED: " + RANDOM + " } }",
            "functions:",
            "  api:",
            "    code: ./fn",
            "    handler: main.handle",
            "    env: { TOKEN: " + GITHUB + ", REGION: eu-west-1 }",
            "    secrets: { STRIPE: " + STRIPE + ", OK: stripe-key }",
            ""));
    Spec spec = new SpecLoader(Map.of()).load(file, null);
    List<Diagnostic> found = SecretMaterial.check(spec);
    assertEquals(
        List.of(
            "fnctl.yaml:9:24: functions.api.secrets.STRIPE ERROR",
            "fnctl.yaml:8:19: functions.api.env.TOKEN WARNING",
            "fnctl.yaml:3:49: defaults.env.SHARED WARNING"),
        found.stream()
            .map(
                d ->
                    Path.of(d.position().file()).getFileName()
                        + ":"
                        + d.position().line()
                        + ":"
                        + d.position().column()
                        + ": "
                        + d.path()
                        + " "
                        + d.severity())
            .toList());
    for (Diagnostic d : found) {
      String text = d.render();
      assertFalse(text.contains(STRIPE) || text.contains(GITHUB) || text.contains(RANDOM), text);
      assertTrue(text.contains("secret store"), text);
    }
    assertEquals(Severity.ERROR, found.get(0).severity());
  }
}
