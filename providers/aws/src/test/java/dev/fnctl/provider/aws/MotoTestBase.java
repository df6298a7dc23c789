package dev.fnctl.provider.aws;

import dev.fnctl.model.spec.Deployment;
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

/** moto behind a WireMock proxy, a scratch project with one function's code, and helpers. */
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

  static Convergence.Report apply(Cloud cloud, Deployment d, boolean destroy)
      throws ProviderException {
    Planned p = plan(cloud, d, destroy);
    return Convergence.apply(cloud, p.changes(), p.live(), 8);
  }

  static String describe(List<Change> changes) {
    StringBuilder sb = new StringBuilder();
    for (Change c : changes)
      sb.append(c.action().word())
          .append(' ')
          .append(c.address())
          .append(' ')
          .append(c.changed())
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
