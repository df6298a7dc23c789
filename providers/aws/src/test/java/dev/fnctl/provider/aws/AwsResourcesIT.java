package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.spec.Budget;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.StackLock;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Budgets, secrets, reserved concurrency, large packages and the lock, against moto. */
class AwsResourcesIT extends MotoTestBase {

  static Spec with(Spec s, Map<String, FunctionSpec> fns, Map<String, Budget> budgets) {
    return new Spec(
        s.apiVersion(),
        s.stack(),
        s.targets(),
        s.defaults(),
        fns,
        s.queues(),
        s.topics(),
        s.buckets(),
        budgets,
        s.file(),
        s.baseDir(),
        s.sourceMap(),
        s.digest());
  }

  @Test
  void budgetsUpdateInPlaceWithSubscribersReadBack() throws Exception {
    Spec spec = TestSpecs.everything("cash", dir, null, Map.of());
    Deployment d = TestSpecs.prod(spec);
    try (AwsCloud cloud = connect(d)) {
      assertTrue(apply(cloud, d, false).ok());
      LiveResource budget =
          plan(cloud, d, false)
              .live()
              .find("aws:budgets:budget/fnctl-cash-prod-monthly")
              .orElseThrow();
      assertEquals("100", budget.properties().get("amount"));
      assertEquals("user:fnctl-stack$cash", budget.properties().get("costFilter"));
      assertEquals(
          List.of("cto@example.com", "ops@example.com"),
          ((Map<?, ?>) ((List<?>) budget.properties().get("notifications")).get(1)).get("notify"));

      Map<String, Budget> budgets = new LinkedHashMap<>();
      budgets.put(
          "monthly",
          new Budget(
              "monthly",
              new BigDecimal("250.50"),
              "USD",
              Budget.Period.MONTHLY,
              List.of(
                  new Budget.Alert(80, false, List.of("ops@example.com", "dev@example.com")),
                  new Budget.Alert(100, true, List.of("ops@example.com", "cto@example.com")))));
      Deployment d2 = TestSpecs.prod(with(spec, spec.functions(), budgets));
      var changes = plan(cloud, d2, false).changes();
      assertEquals(
          "update aws:budgets:budget/fnctl-cash-prod-monthly [amount, notifications]\n",
          describe(changes));
      assertTrue(apply(cloud, d2, false).ok());
      assertEquals("", describe(plan(cloud, d2, false).changes()));
      assertTrue(apply(cloud, d2, true).ok());
      assertEquals("", describe(plan(cloud, d2, true).changes()));
    }
  }

  @Test
  void secretsAreReferencesAndReservedConcurrencyIsManaged() throws Exception {
    Spec spec = TestSpecs.everything("vault", dir, null, Map.of());
    Map<String, FunctionSpec> fns = new LinkedHashMap<>(spec.functions());
    fns.put(
        "fan",
        TestSpecs.withConcurrency(
            TestSpecs.withSecrets(fns.get("fan"), Map.of("API_KEY", "stripe-key")), 7));
    Deployment d = TestSpecs.prod(with(spec, fns, spec.budgets()));
    try (AwsCloud cloud = connect(d)) {
      assertTrue(apply(cloud, d, false).ok());
      var planned = plan(cloud, d, false);
      assertEquals("", describe(planned.changes()));
      LiveResource fn = planned.live().find("aws:lambda:function/vault-prod-fan").orElseThrow();
      assertEquals(
          Map.of("API_KEY_SECRET_ID", "stripe-key", "STAGE", "test"),
          fn.properties().get("environment"));
      assertEquals(7L, fn.properties().get("reservedConcurrency"));
      String policy =
          String.valueOf(
              planned
                  .live()
                  .find("aws:iam:role/vault-prod-fan")
                  .orElseThrow()
                  .properties()
                  .get("policy"));
      assertTrue(
          policy.contains("secretsmanager:GetSecretValue")
              && policy.contains(":secret:stripe-key-??????"),
          policy);

      // Out of band: reserved concurrency removed -> drift back to 7.
      try (LambdaClient lambda = client(LambdaClient.builder())) {
        lambda.deleteFunctionConcurrency(b -> b.functionName("vault-prod-fan"));
      }
      assertEquals(
          "update aws:lambda:function/vault-prod-fan [reservedConcurrency]\n",
          describe(plan(cloud, d, false).changes()));
    }
  }

  @Test
  void packagesOverTheDirectUploadLimitGoThroughTheArtifactBucket() throws Exception {
    Files.write(dir.resolve("code").resolve("data.bin"), new byte[4096]);
    extraEnv.put("FNCTL_AWS_DIRECT_UPLOAD_LIMIT", "1024");
    Deployment d = TestSpecs.prod(TestSpecs.everything("big", dir, null, Map.of()));
    try (AwsCloud cloud = connect(d)) {
      var first = plan(cloud, d, false);
      assertTrue(
          describe(first.changes())
              .contains("create aws:s3:bucket/big-prod-artifacts-123456789012"),
          describe(first.changes()));
      var applied = apply(cloud, first.deployment(), false);
      assertTrue(applied.ok(), applied.toString());
      assertEquals(
          "",
          describe(plan(cloud, d, false).changes()),
          "CodeSha256 of an S3-uploaded package matches too");
      try (S3Client s3 = client(S3Client.builder())) {
        assertEquals(
            5,
            s3.listObjectsV2(b -> b.bucket("big-prod-artifacts-123456789012")).contents().size());
      }
      var destroyed = apply(cloud, d, true);
      assertTrue(destroyed.ok(), destroyed.toString());
      assertEquals(List.of(), taggedWith("big"));
    }
  }

  @Test
  void theLockIsTakenOnlyIfFreeAndReleasedOnlyByItsHolder() throws Exception {
    Deployment d = TestSpecs.prod(TestSpecs.everything("locked", dir, null, Map.of()));
    try (AwsCloud cloud = connect(d)) {
      StackLock lock = cloud.lock();
      StackLock.Holder me =
          new StackLock.Holder("id-1", "ci@runner", "apply", Instant.parse("2026-11-25T06:00:00Z"));
      StackLock.Holder other =
          new StackLock.Holder(
              "id-2", "dev@laptop", "destroy", Instant.parse("2026-11-25T06:01:00Z"));
      assertEquals(Optional.empty(), lock.tryAcquire(me));
      assertEquals(Optional.empty(), lock.tryAcquire(me), "re-taking our own lock succeeds");
      assertEquals(Optional.of(me), lock.tryAcquire(other));
      String stored = moto.aws("ssm", "get-parameter", "--name", "/fnctl/locked/prod/lock");
      assertTrue(stored.contains("ci@runner") && stored.contains("2026-11-25T06:00:00Z"), stored);
      lock.release(other);
      assertEquals(Optional.of(me), lock.holder(), "only the holder releases");
      lock.release(me);
      assertEquals(Optional.empty(), lock.holder());
      assertEquals(Optional.empty(), lock.tryAcquire(other));
      lock.forceRelease();
      assertEquals(Optional.empty(), lock.holder());
    }
  }
}
