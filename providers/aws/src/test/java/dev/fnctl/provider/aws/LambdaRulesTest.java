package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.spec.FunctionSettings;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lambda's and S3's rules that moto does not enforce, refused at validate. */
class LambdaRulesTest {
  final Path dir = Path.of("/nonexistent");

  private List<Problem> validate(FunctionSpec... functions) {
    Map<String, FunctionSpec> fns = new LinkedHashMap<>();
    for (FunctionSpec f : functions) fns.put(f.name(), f);
    Spec spec = TestSpecs.build("shop", dir, fns, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    return new AwsProvider().validate(TestSpecs.prod(spec));
  }

  private static FunctionSpec fn(String name, String runtime, Map<String, String> env) {
    return new FunctionSpec(
        name,
        "code",
        "h",
        new FunctionSettings(runtime, 256, Duration.ofSeconds(30), "x86_64", env, null),
        Map.of(),
        List.of(),
        List.of());
  }

  @Test
  void variableNamesFollowLambdasPatternAndReservedNamesAreRefused() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("X", "one character");
    env.put("1ST", "starts with a digit");
    env.put("MY-VAR", "a dash");
    env.put("AWS_REGION", "reserved");
    env.put("AWS_LAMBDA_FUNCTION_NAME", "reserved prefix");
    env.put("TZ", "reserved");
    env.put("GOOD_NAME", "fine");
    List<Problem> problems = validate(fn("api", "python3.12", env));
    assertEquals(
        List.of(
            "functions.api.env.1ST",
            "functions.api.env.AWS_LAMBDA_FUNCTION_NAME",
            "functions.api.env.AWS_REGION",
            "functions.api.env.MY-VAR",
            "functions.api.env.TZ",
            "functions.api.env.X"),
        AwsProviderTest.paths(problems));
    assertTrue(
        problems.get(0).message().contains("must start with a letter"), problems.get(0).message());
    assertTrue(problems.get(2).message().contains("reserved"), problems.get(2).message());
  }

  @Test
  void theEnvironmentStaysWithinFourKilobytesCountingSecretReferences() {
    Map<String, String> env = Map.of("BIG", "x".repeat(4000));
    assertEquals(List.of(), validate(fn("api", "python3.12", env)));
    FunctionSpec withSecret =
        TestSpecs.withSecrets(fn("api", "python3.12", env), Map.of("API_KEY", "k".repeat(100)));
    List<Problem> problems = validate(withSecret);
    assertEquals(List.of("functions.api.env"), AwsProviderTest.paths(problems));
    assertTrue(problems.get(0).message().contains("4120 bytes"), problems.get(0).message());
    assertTrue(problems.get(0).message().contains("4 KB"), problems.get(0).message());
  }

  @Test
  void deprecatedRuntimesAreRefusedWithTheirDate() {
    List<Problem> problems =
        validate(fn("a", "python3.9", Map.of()), fn("b", "nodejs18", Map.of()));
    assertEquals(
        List.of("functions.a.runtime", "functions.b.runtime"), AwsProviderTest.paths(problems));
    assertTrue(
        problems.get(0).message().contains("deprecated by Lambda on 2025-12-15"),
        problems.get(0).message());
    assertTrue(problems.get(1).message().contains("2025-09-01"), problems.get(1).message());
  }

  @Test
  void storageFiltersWithCharactersS3MatchesOnlyEncodedAreRefused() {
    FunctionSpec f =
        TestSpecs.function(
            "thumbs",
            List.of(
                new Trigger.Storage("uploads", List.of("created"), "my photos/", ".jpg"),
                new Trigger.Storage("uploads", List.of("created"), "raw/", "a+b"),
                new Trigger.Storage("uploads", List.of("created"), "images/(2024)/", "*.png")),
            List.of());
    List<Problem> problems = validate(f);
    assertEquals(
        List.of(
            "functions.thumbs.triggers[0].storage.prefix",
            "functions.thumbs.triggers[1].storage.suffix"),
        AwsProviderTest.paths(problems));
    assertTrue(problems.get(0).message().contains("a space is '+'"), problems.get(0).message());
  }

  @Test
  void aRolesInlinePolicyMustFitIamsLimit() {
    List<dev.fnctl.model.spec.Permission> few = new java.util.ArrayList<>();
    List<dev.fnctl.model.spec.Permission> many = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      var p =
          new dev.fnctl.model.spec.Permission(
              dev.fnctl.model.spec.Permission.Kind.QUEUE,
              "orders-from-region-number-" + i,
              dev.fnctl.model.spec.Permission.Access.ADMIN);
      many.add(p);
      if (i < 5) few.add(p);
    }
    assertEquals(List.of(), validate(TestSpecs.function("api", List.of(), few)));
    List<Problem> problems = validate(TestSpecs.function("api", List.of(), many));
    assertEquals(List.of("functions.api.permissions"), AwsProviderTest.paths(problems));
    assertTrue(problems.get(0).message().contains("10,240"), problems.get(0).message());
    assertTrue(
        LambdaRules.inlinePolicyEstimate(TestSpecs.function("api", List.of(), few), "shop-prod-")
            < 3_000);
  }
}
