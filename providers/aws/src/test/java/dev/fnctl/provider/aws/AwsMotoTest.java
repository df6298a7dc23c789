package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import dev.fnctl.testkit.Convergence;
import dev.fnctl.testkit.Convergence.Change;
import dev.fnctl.testkit.aws.MotoProxy;
import dev.fnctl.testkit.aws.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;

/** The AWS provider end to end against moto's server, through the real SDK. */
class AwsMotoTest {
  @RegisterExtension static MotoServer moto = new MotoServer();
  static MotoProxy proxy;
  @TempDir Path dir;

  @BeforeAll
  static void proxy() {
    proxy = new MotoProxy(moto.start().endpoint());
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @BeforeEach
  void fresh() throws IOException {
    moto.reset();
    proxy.resetBudgets();
    proxy.clearFaults();
    Path code = dir.resolve("code");
    Files.createDirectories(code);
    Files.writeString(code.resolve("main.py"), "def handle(event, context):\n    return {'ok': True}\n");
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>(moto.env());
    env.put("AWS_ENDPOINT_URL", proxy.endpoint());
    env.put("FNCTL_AWS_CONSISTENCY_WINDOW_MS", "3000");
    return env;
  }

  AwsCloud connect(Deployment d) throws ProviderException {
    return (AwsCloud) new AwsProvider().connect(d, new Context(dir, env(), Context.Log.SILENT));
  }

  record Planned(List<Resource> desired, LiveState live, List<Change> changes) {}

  static Planned plan(Cloud cloud, Deployment d, boolean destroy) throws ProviderException {
    List<Resource> desired = cloud.desired(d);
    LiveState live = cloud.read(d, desired);
    return new Planned(desired, live, Convergence.plan(desired, live, destroy));
  }

  static Convergence.Report apply(Cloud cloud, Deployment d, boolean destroy) throws ProviderException {
    Planned p = plan(cloud, d, destroy);
    return Convergence.apply(cloud, p.changes(), p.live(), 8);
  }

  static String describe(List<Change> changes) {
    StringBuilder sb = new StringBuilder();
    for (Change c : changes) sb.append(c.action().word()).append(' ').append(c.address()).append(' ').append(c.changed()).append('\n');
    return sb.toString();
  }

  <T> T client(software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, T> b) {
    b.region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .endpointOverride(java.net.URI.create(moto.endpoint()));
    if (b instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> s) s.httpClient(UrlConnectionHttpClient.create());
    if (b instanceof software.amazon.awssdk.services.s3.S3ClientBuilder s3) s3.forcePathStyle(true);
    return b.build();
  }

  List<String> taggedWith(String stack) {
    try (ResourceGroupsTaggingApiClient t = client(ResourceGroupsTaggingApiClient.builder())) {
      List<String> arns = new ArrayList<>();
      t.getResourcesPaginator(b -> b.tagFilters(f -> f.key("fnctl-stack").values(stack)))
          .forEach(p -> p.resourceTagMappingList().forEach(m -> arns.add(m.resourceARN())));
      try (IamClient iam = client(IamClient.builder())) {
        iam.listRoles().roles().forEach(r -> {
          if (iam.listRoleTags(b -> b.roleName(r.roleName())).tags().stream().anyMatch(tag -> tag.value().equals(stack))) arns.add(r.arn());
        });
      }
      return arns;
    }
  }

  @Test
  void everyTriggerKindAppliesReplansCleanlyDetectsDriftAndDestroys() throws Exception {
    String legacy = "acme-legacy-uploads";
    try (S3Client s3 = client(S3Client.builder())) {
      s3.createBucket(b -> b.bucket(legacy).createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
      s3.putBucketNotificationConfiguration(b -> b.bucket(legacy).notificationConfiguration(NotificationConfiguration.builder()
          .queueConfigurations(q -> q.id("other-team").queueArn("arn:aws:sqs:eu-west-1:123456789012:other").events(
              software.amazon.awssdk.services.s3.model.Event.S3_OBJECT_CREATED))
          .build()));
    }
    Spec spec = TestSpecs.everything("shop", dir, legacy, Map.of("region", "eu-west-1"));
    Deployment d = TestSpecs.prod(spec);
    assertEquals(List.of(), new AwsProvider().validate(d));
    try (AwsCloud cloud = connect(d)) {
      Planned first = plan(cloud, d, false);
      assertTrue(first.changes().stream().allMatch(c -> c.action() == Action.CREATE), describe(first.changes()));
      Convergence.Report report = Convergence.apply(cloud, first.changes(), first.live(), 8);
      assertTrue(report.ok(), report.toString());

      Planned again = plan(cloud, d, false);
      assertEquals("", describe(again.changes()), "an applied spec plans to no changes");
      assertFalse(cloud.outputs(again.live()).isEmpty(), "endpoint URLs are outputs");
      assertTrue(cloud.outputs(again.live()).get("GET /hello").endsWith("/hello"), cloud.outputs(again.live()).toString());

      // Someone else's notification on the shared bucket survived the merge.
      try (S3Client s3 = client(S3Client.builder())) {
        var n = s3.getBucketNotificationConfiguration(b -> b.bucket(legacy));
        assertEquals(1, n.queueConfigurations().size());
        assertEquals(1, n.lambdaFunctionConfigurations().size());
      }

      // One property changed: exactly one update.
      Map<String, FunctionSpec> fns = new LinkedHashMap<>(spec.functions());
      fns.put("worker", TestSpecs.withMemory(fns.get("worker"), 512));
      Spec changed = new Spec(spec.apiVersion(), spec.stack(), spec.targets(), spec.defaults(), fns, spec.queues(), spec.topics(),
          spec.buckets(), spec.budgets(), spec.file(), spec.baseDir(), spec.sourceMap(), spec.digest());
      Deployment d2 = TestSpecs.prod(changed);
      Planned one = plan(cloud, d2, false);
      assertEquals("update aws:lambda:function/shop-prod-worker [memory]\n", describe(one.changes()));
      assertTrue(Convergence.apply(cloud, one.changes(), one.live(), 8).ok());
      assertEquals("", describe(plan(cloud, d2, false).changes()));

      // Drift made outside fnctl, with the aws CLI.
      moto.aws("lambda", "update-function-configuration", "--function-name", "shop-prod-fan", "--timeout", "99");
      Planned drift = plan(cloud, d2, false);
      assertEquals("update aws:lambda:function/shop-prod-fan [timeout]\n", describe(drift.changes()));
      assertTrue(Convergence.apply(cloud, drift.changes(), drift.live(), 8).ok());
      assertEquals("", describe(plan(cloud, d2, false).changes()));

      // Destroy: nothing tagged with the stack remains; the shared bucket keeps its other notification.
      Convergence.Report destroyed = apply(cloud, d2, true);
      assertTrue(destroyed.ok(), destroyed.toString());
      assertEquals(List.of(), taggedWith("shop"));
      assertEquals("", describe(plan(cloud, d2, true).changes()), "nothing owned is left to destroy");
      try (S3Client s3 = client(S3Client.builder())) {
        var n = s3.getBucketNotificationConfiguration(b -> b.bucket(legacy));
        assertEquals(1, n.queueConfigurations().size(), "the other owner's notification survives destroy");
        assertEquals(List.<LambdaFunctionConfiguration>of(), n.lambdaFunctionConfigurations());
      }
    }
  }

  @Test
  void anUntaggedFunctionWithTheSameNameIsRefused() throws Exception {
    try (IamClient iam = client(IamClient.builder()); LambdaClient lambda = client(LambdaClient.builder())) {
      String role = iam.createRole(b -> b.roleName("someone").assumeRolePolicyDocument(PolicyDocuments.trust("lambda.amazonaws.com")))
          .role().arn();
      lambda.createFunction(b -> b.functionName("shop-prod-fan").runtime("python3.12").handler("x.y").role(role)
          .code(c -> c.zipFile(SdkBytes.fromByteArray(new byte[] {80, 75, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))));
    }
    Deployment d = TestSpecs.prod(TestSpecs.everything("shop", dir, null, Map.of()));
    try (AwsCloud cloud = connect(d)) {
      List<Resource> desired = cloud.desired(d);
      LiveState live = cloud.read(d, desired);
      assertFalse(live.find("aws:lambda:function/shop-prod-fan").orElseThrow().owned());
      assertThrows(Convergence.ClashException.class, () -> Convergence.plan(desired, live, false));
      assertThrows(ProviderException.class, () -> cloud.apply(new Cloud.Step(Action.DELETE, "aws:lambda:function/shop-prod-fan", null,
          live.find("aws:lambda:function/shop-prod-fan").orElseThrow(), Map.of())), "never deletes what it does not own");
    }
  }
}
