package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.Budget;
import dev.fnctl.model.spec.FunctionSettings;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Problem;
import dev.fnctl.provider.Provider;
import dev.fnctl.provider.Providers;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsProviderTest {
  final Path dir = Path.of("/nonexistent");

  @Test
  void isFoundByIdAndNamesNoSdkTypeInItsSignatures() {
    Provider p = Providers.discover().find("aws").orElseThrow();
    assertEquals(AwsProvider.class, p.getClass());
    for (var m : AwsProvider.class.getDeclaredMethods()) {
      assertTrue(!m.getReturnType().getName().startsWith("software.amazon"), m.toString());
      for (var t : m.getParameterTypes())
        assertTrue(!t.getName().startsWith("software.amazon"), m.toString());
    }
    for (var f : AwsProvider.class.getDeclaredFields())
      assertTrue(!f.getType().getName().startsWith("software.amazon"), f.toString());
    assertEquals(
        List.of("region", "profile", "endpoint", "account"),
        new ArrayList<>(p.settings().keySet()));
  }

  @Test
  void aValidSpecHasNoProblems() {
    assertEquals(
        List.of(),
        new AwsProvider()
            .validate(
                TestSpecs.prod(
                    TestSpecs.everything(
                        "shop", dir, "acme-legacy", Map.of("region", "eu-west-1")))));
  }

  static List<String> paths(List<Problem> problems) {
    List<String> out = new ArrayList<>();
    for (Problem p : problems) out.add(p.path());
    return out;
  }

  @Test
  void lambdaLimitsRuntimesAndArchitectures() {
    Map<String, FunctionSpec> fns = new LinkedHashMap<>();
    fns.put(
        "big",
        new FunctionSpec(
            "big",
            "code",
            "h",
            new FunctionSettings(
                "python2.7", 20000, Duration.ofSeconds(901), "sparc", Map.of(), null),
            Map.of(),
            List.of(),
            List.of()));
    fns.put(
        "small",
        new FunctionSpec(
            "small",
            "code",
            "h",
            new FunctionSettings(
                "python3.12", 64, Duration.ofMillis(1500), "arm64", Map.of(), null),
            Map.of(),
            List.of(),
            List.of()));
    Spec spec = TestSpecs.build("shop", dir, fns, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    List<Problem> problems = new AwsProvider().validate(TestSpecs.prod(spec));
    assertEquals(
        List.of(
            "functions.big.runtime",
            "functions.big.memory",
            "functions.big.timeout",
            "functions.big.architecture",
            "functions.small.memory",
            "functions.small.timeout"),
        paths(problems));
    assertTrue(problems.get(0).message().contains("target prod"), problems.get(0).message());
  }

  @Test
  void schedulesQueuesNamesAndBudgets() {
    Map<String, FunctionSpec> fns = new LinkedHashMap<>();
    fns.put(
        "job",
        TestSpecs.function(
            "job",
            List.of(
                new Trigger.Schedule(TestSpecs.cron("0 9 1 * 1"), null, "Mars/Olympus"),
                new Trigger.Schedule(null, Duration.ofSeconds(30), null),
                new Trigger.Queue("work", 50)),
            List.of()));
    Map<String, QueueSpec> queues =
        Map.of("work", new QueueSpec("work", null, null, Duration.ofSeconds(5)));
    Map<String, BucketSpec> buckets = new LinkedHashMap<>();
    buckets.put("Bad_Bucket", new BucketSpec("Bad_Bucket", null));
    buckets.put(
        "a-very-long-bucket-name-that-will-not-fit-in-sixty-three",
        new BucketSpec("a-very-long-bucket-name-that-will-not-fit-in-sixty-three", null));
    List<Budget.Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 6; i++)
      alerts.add(new Budget.Alert(10 * (i + 1), false, List.of("a@example.com")));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 11; i++) many.add("r" + i + "@example.com");
    alerts.set(0, new Budget.Alert(5, false, many));
    Map<String, Budget> budgets =
        Map.of("b", new Budget("b", BigDecimal.TEN, "EUR", Budget.Period.MONTHLY, alerts));
    Spec spec =
        TestSpecs.build(
            "shop", dir, fns, queues, Map.of(), buckets, budgets, Map.of("region", "Frankfurt"));
    List<String> paths = paths(new AwsProvider().validate(TestSpecs.prod(spec)));
    assertEquals(
        List.of(
            "targets.prod.region",
            "functions.job.triggers[0].schedule.cron",
            "functions.job.triggers[0].schedule.timezone",
            "functions.job.triggers[1].schedule.rate",
            "functions.job.triggers[2].queue.batchSize",
            "queues.work.visibilityTimeout",
            "buckets.Bad_Bucket",
            "buckets.a-very-long-bucket-name-that-will-not-fit-in-sixty-three",
            "budgets.b.currency",
            "budgets.b.alerts",
            "budgets.b.alerts[0].notify"),
        paths);
  }

  @Test
  void credentialProblemsReadAsWhatToDoNotAsNetworkErrors() {
    assertEquals(
        "no AWS credentials found: set AWS_PROFILE or profile: on the target, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY",
        AwsSession.clientMessage(
            software.amazon.awssdk.core.exception.SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(...)")));
    assertEquals(
        "no AWS credentials: Profile file contained no credentials for profile 'nosuch'"
            + " (check profile: on the target, or run 'aws configure --profile NAME')",
        AwsSession.clientMessage(
            software.amazon.awssdk.core.exception.SdkClientException.create(
                "Profile file contained no credentials for profile 'nosuch': ProfileFile(sections=[])")));
    assertEquals(
        "cannot reach AWS: Unable to execute HTTP request: Connection refused",
        AwsSession.clientMessage(
            software.amazon.awssdk.core.exception.SdkClientException.create(
                "Unable to execute HTTP request: Connection refused")));
  }
}
