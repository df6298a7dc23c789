package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine.PlanMode;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.testkit.aws.FaultProxy;
import dev.fnctl.testkit.aws.MotoProxy;
import dev.fnctl.testkit.aws.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Trust on AWS through the real engine: a delete is reported done only when the resource is gone (a
 * lost reply on a sub-step used to count as "already deleted"), and whatever widens an owned role
 * (an extra inline policy, an attached managed policy) is drift that apply puts back.
 */
class AwsTrustIT {
  @RegisterExtension static MotoServer moto = new MotoServer();
  static MotoProxy cloud;
  @TempDir Path dir;
  private Path spec;

  @BeforeAll
  static void start() {
    cloud = new MotoProxy(moto.start().endpoint());
  }

  @AfterAll
  static void stop() {
    cloud.close();
  }

  @BeforeEach
  void fresh() throws Exception {
    moto.reset();
    cloud.resetFakes();
    Files.createDirectories(dir.resolve("code"));
    Files.writeString(dir.resolve("code/main.py"), "def handle(e, c):\n    return 1\n");
    spec = dir.resolve("fnctl.yaml");
    Files.writeString(
        spec,
        """
        apiVersion: fnctl.dev/v1
        stack: trust
        targets:
          dev: { provider: aws, region: eu-west-1 }
        defaults: { runtime: python3.12 }
        functions:
          worker:
            code: ./code
            handler: main.handle
            permissions:
              - { queue: jobs, access: consume }
        queues:
          jobs: {}
        """);
  }

  private IamClient iam() {
    return software.amazon.awssdk.services.iam.IamClient.builder()
        .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
        .credentialsProvider(
            software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                    "testing", "testing")))
        .endpointOverride(java.net.URI.create(moto.endpoint()))
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  void aDestroyWhosePolicyDeleteLostItsReplyStillDeletesTheRole() throws Exception {
    try (FaultProxy faults = new FaultProxy(cloud.endpoint(), 1, 0);
        IamClient iam = iam()) {
      EngineOnMoto fnctl = new EngineOnMoto(moto.env(), faults.endpoint());
      assertTrue(fnctl.apply(spec, "dev", PlanMode.NORMAL).succeeded());
      assertEquals(1, iam.listRoles().roles().size());

      // DeleteRolePolicy is made, its reply lost; the SDK's retry then finds no such policy.
      faults.loseReplies("DeleteRolePolicy", 1);
      ApplyReport destroy = fnctl.apply(spec, "dev", PlanMode.DESTROY);
      assertTrue(destroy.succeeded(), () -> destroy.failed().toString());
      assertEquals(
          List.of(),
          iam.listRoles().roles().stream().map(r -> r.roleName()).toList(),
          "Destroy complete! leaves no role behind");
    }
  }

  @Test
  void anInlinePolicyOrManagedPolicyAddedToAnOwnedRoleIsDriftThatApplyRemoves() throws Exception {
    EngineOnMoto fnctl = new EngineOnMoto(moto.env(), cloud.endpoint());
    assertTrue(fnctl.apply(spec, "dev", PlanMode.NORMAL).succeeded());
    try (IamClient iam = iam()) {
      String role = "trust-dev-worker";
      iam.putRolePolicy(
          b ->
              b.roleName(role)
                  .policyName("escalate")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                          + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
      iam.attachRolePolicy(
          b -> b.roleName(role).policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));

      List<ResourceChange> drift = fnctl.plan(spec, "dev", PlanMode.NORMAL);
      assertEquals(1, drift.size(), EngineOnMoto.describe(drift));
      ResourceChange c = drift.get(0);
      assertEquals(Action.UPDATE, c.action());
      assertEquals("aws:iam:role/" + role, c.address());
      assertEquals("changed outside fnctl: managedPolicies, otherPolicies", c.reason());
      assertTrue(
          String.valueOf(c.before().get("otherPolicies")).contains("s3:*"), c.before().toString());

      assertTrue(fnctl.apply(spec, "dev", PlanMode.NORMAL).succeeded());
      assertEquals(List.of("fnctl"), iam.listRolePolicies(b -> b.roleName(role)).policyNames());
      assertEquals(
          List.of("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
          iam.listAttachedRolePolicies(b -> b.roleName(role)).attachedPolicies().stream()
              .map(p -> p.policyArn())
              .toList());
      assertEquals(List.of(), fnctl.plan(spec, "dev", PlanMode.NORMAL));
    }
  }

  @Test
  void existingNamingAQueueTheStackOwnsIsRefused() throws Exception {
    EngineOnMoto fnctl = new EngineOnMoto(moto.env(), cloud.endpoint());
    assertTrue(fnctl.apply(spec, "dev", PlanMode.NORMAL).succeeded());
    Files.writeString(
        spec, Files.readString(spec).replace("jobs: {}", "jobs: { existing: trust-dev-jobs }"));
    dev.fnctl.provider.ProviderException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.fnctl.provider.ProviderException.class,
            () -> fnctl.plan(spec, "dev", PlanMode.NORMAL));
    assertTrue(
        e.getMessage()
            .contains(
                "queues.jobs.existing names trust-dev-jobs, which stack trust owns on target dev"),
        e.getMessage());
  }
}
