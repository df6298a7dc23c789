package dev.fnctl.provider.aws;

import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyOptions;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Providers;
import dev.fnctl.testkit.HandBuiltSpecs;
import dev.fnctl.testkit.aws.MotoProxy;
import dev.fnctl.testkit.aws.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;

/**
 * moto behind a WireMock proxy, a scratch project with one function's code, and helpers that plan
 * and apply through the real engine (specs built as records, served by {@link HandBuiltSpecs}).
 */
abstract class MotoTestBase {
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
    proxy.resetFakes();
    proxy.clearFaults();
    Path code = dir.resolve("code");
    Files.createDirectories(code);
    Files.writeString(
        code.resolve("main.py"), "def handle(event, context):\n    return {'ok': True}\n");
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>(moto.env());
    env.put("AWS_ENDPOINT_URL", proxy.endpoint());
    env.put("FNCTL_AWS_CONSISTENCY_WINDOW_MS", "3000");
    env.putAll(extraEnv);
    return env;
  }

  AwsCloud connect(Deployment d) throws ProviderException {
    return (AwsCloud) new AwsProvider().connect(d, new Context(dir, env(), Context.Log.SILENT));
  }

  /** The real engine over the specs each test builds as records. */
  final HandBuiltSpecs specs = new HandBuiltSpecs();

  /** Settings a test adds to {@link #env()} (before it connects or plans). */
  final Map<String, String> extraEnv = new HashMap<>();

  Engine engine() {
    return Engine.create(Providers.of(List.of(new AwsProvider())), env(), specs);
  }

  /**
   * A plan made by the real engine; {@link #live()} reads the cloud again through {@code cloud} for
   * the tests that look at what is there.
   */
  record Planned(Plan plan, AwsCloud cloud, Deployment deployment) {
    /** The changes, without the no-ops. */
    List<ResourceChange> changes() {
      return plan.changes().stream().filter(c -> c.action() != Action.NO_OP).toList();
    }

    LiveState live() throws ProviderException {
      return cloud.read(deployment, cloud.desired(deployment));
    }
  }

  /** What an apply through the engine did, by address. */
  record Applied(List<String> done, Map<String, String> failed, List<String> notStarted) {
    boolean ok() {
      return failed.isEmpty() && notStarted.isEmpty();
    }

    static Applied of(ApplyReport r) {
      Map<String, String> failed = new LinkedHashMap<>();
      r.failed().forEach((c, m) -> failed.put(c.address(), m));
      return new Applied(
          r.done().stream().map(ResourceChange::address).toList(),
          failed,
          r.notStarted().stream().map(ResourceChange::address).toList());
    }
  }

  Planned plan(AwsCloud cloud, Deployment d, boolean destroy) throws Exception {
    try (PlanSession s = engine().plan(specs.put(d), d.target().name(), mode(destroy))) {
      return new Planned(s.plan(), cloud, d);
    }
  }

  /** Plans {@code d} and applies that plan, through the engine, eight changes at a time. */
  Applied apply(AwsCloud cloud, Deployment d, boolean destroy) throws Exception {
    Engine engine = engine();
    try (PlanSession s = engine.plan(specs.put(d), d.target().name(), mode(destroy))) {
      return Applied.of(
          engine.apply(
              s,
              new ApplyOptions(8, Duration.ofSeconds(10), destroy ? "destroy" : "apply"),
              ApplyListener.NONE));
    }
  }

  private static Engine.PlanMode mode(boolean destroy) {
    return destroy ? Engine.PlanMode.DESTROY : Engine.PlanMode.NORMAL;
  }

  static String describe(List<ResourceChange> changes) {
    StringBuilder sb = new StringBuilder();
    for (ResourceChange c : changes)
      sb.append(c.action().word())
          .append(' ')
          .append(c.address())
          .append(' ')
          .append(c.changedProperties())
          .append('\n');
    return sb.toString();
  }

  <T> T client(software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, T> b) {
    b.region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .endpointOverride(java.net.URI.create(moto.endpoint()));
    if (b instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> s)
      s.httpClient(UrlConnectionHttpClient.create());
    if (b instanceof software.amazon.awssdk.services.s3.S3ClientBuilder s3) s3.forcePathStyle(true);
    return b.build();
  }

  List<String> taggedWith(String stack) {
    try (ResourceGroupsTaggingApiClient t = client(ResourceGroupsTaggingApiClient.builder())) {
      List<String> arns = new ArrayList<>();
      t.getResourcesPaginator(b -> b.tagFilters(f -> f.key("fnctl-stack").values(stack)))
          .forEach(p -> p.resourceTagMappingList().forEach(m -> arns.add(m.resourceARN())));
      try (IamClient iam = client(IamClient.builder())) {
        iam.listRoles()
            .roles()
            .forEach(
                r -> {
                  if (iam.listRoleTags(b -> b.roleName(r.roleName())).tags().stream()
                      .anyMatch(tag -> tag.value().equals(stack))) arns.add(r.arn());
                });
      }
      return arns;
    }
  }
}
