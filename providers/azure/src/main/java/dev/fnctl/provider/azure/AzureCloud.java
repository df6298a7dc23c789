package dev.fnctl.provider.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.core.util.ConfigurationSource;
import com.azure.identity.DefaultAzureCredentialBuilder;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.provider.Address;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import dev.fnctl.provider.StackLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A session against one Azure subscription and resource group for one stack and target. */
final class AzureCloud implements Cloud {
  /** Azure's public cloud; a target's {@code endpoint} names another (sovereign, or a fake). */
  static final String PUBLIC_ARM = "https://management.azure.com";

  private final AzureSession session;
  private final ResourceTypes types;
  private final Path projectDir;
  private final String keyVault;
  private final ExecutorService pool;

  /** "METHOD /path" to the address of the app serving it, from the last expansion. */
  private final Map<String, String> routes = new java.util.concurrent.ConcurrentSkipListMap<>();

  private AzureCloud(AzureSession session, Path projectDir, String keyVault) {
    this.session = session;
    this.types = new ResourceTypes(session);
    this.projectDir = projectDir;
    this.keyVault = keyVault;
    this.pool =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "fnctl-azure-read");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Builds the pipeline (the JDK HTTP client, retries that honour {@code Retry-After}, the bearer
   * token policy) and checks credentials and the resource group with one GET.
   */
  static AzureCloud connect(
      Deployment d,
      Context context,
      javax.net.ssl.SSLContext trust,
      java.util.function.Supplier<String> testToken)
      throws ProviderException {
    TokenCredential testCredential =
        testToken == null
            ? null
            : request ->
                reactor.core.publisher.Mono.fromSupplier(
                    () ->
                        new com.azure.core.credential.AccessToken(
                            testToken.get(), java.time.OffsetDateTime.now().plusHours(1)));
    Map<String, String> settings = d.target().settings();
    String target = d.target().name();
    String subscription = settings.get("subscription");
    String group = settings.get("resourceGroup");
    String endpoint = settings.getOrDefault("endpoint", PUBLIC_ARM).replaceAll("/+$", "");
    java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
    if (trust != null) jdk.sslContext(trust);
    HttpClient http = new JdkHttpClientBuilder(jdk).build();
    TokenCredential credential = testCredential;
    if (credential == null && onLoopback(endpoint)) {
      // An ARM endpoint on this machine is a fake or an emulator (as the GCP provider's loopback
      // endpoints are): a real token is never handed to a local process, and no sign-in is
      // attempted. It gets a placeholder bearer token, which ARM fakes accept.
      credential =
          request ->
              reactor.core.publisher.Mono.just(
                  new com.azure.core.credential.AccessToken(
                      "fnctl-loopback", java.time.OffsetDateTime.now().plusHours(1)));
    }
    if (credential == null) {
      // The credential chain reads AZURE_* (client id, secret, tenant, authority host) from the
      // session's environment, like every other setting, not from the process's: the launcher's
      // class-data training and the tests hand fnctl an environment of their own.
      Map<String, String> env = context.env();
      ConfigurationSource none = path -> Map.of();
      DefaultAzureCredentialBuilder b =
          new DefaultAzureCredentialBuilder()
              .httpClient(http)
              .configuration(new ConfigurationBuilder(none, none, path -> env).build());
      // A sovereign cloud's (or a test's) sign-in host.
      if (env.get("AZURE_AUTHORITY_HOST") != null) b.authorityHost(env.get("AZURE_AUTHORITY_HOST"));
      String tenant = settings.get("tenant");
      if (tenant != null) b.tenantId(tenant);
      credential = b.build();
    }
    int retries = Integer.parseInt(context.env().getOrDefault("FNCTL_AZURE_RETRIES", "4"));
    long pollMs = Long.parseLong(context.env().getOrDefault("FNCTL_AZURE_POLL_MS", "2000"));
    HttpPipeline pipeline =
        new HttpPipelineBuilder()
            .httpClient(http)
            .policies(
                new UserAgentPolicy("fnctl"),
                new RetryPolicy(
                    new RetryOptions(
                        new ExponentialBackoffOptions()
                            .setMaxRetries(retries)
                            .setBaseDelay(Duration.ofMillis(Math.min(pollMs, 800)))
                            .setMaxDelay(Duration.ofSeconds(30)))),
                new BearerTokenAuthenticationPolicy(credential, audience(endpoint) + "/.default"))
            .build();
    Arm arm = new Arm(pipeline, endpoint, subscription, context.log(), Duration.ofMillis(pollMs));
    String region = Locations.normalise(settings.get("region"));
    AzureNames names = new AzureNames(subscription, group, d.stack(), target);
    String[] holder = new String[1];
    DataPlane data =
        new DataPlane(
            arm,
            account ->
                "/subscriptions/"
                    + subscription
                    + "/resourceGroups/"
                    + group
                    + "/providers/Microsoft.Storage/storageAccounts/"
                    + account,
            http,
            credential,
            settings.get("blobEndpoint"),
            context.env().get("FNCTL_AZURE_STORAGE_KEY"));
    AzureSession session =
        new AzureSession(
            arm,
            data,
            names,
            region,
            settings.get("scmEndpoint"),
            AzureClouds.storageSuffix(endpoint, settings.get("storageSuffix")));
    Map<String, Object> rg = arm.get(session.resourceGroupPath(), ApiVersions.RESOURCES);
    if (rg == null)
      throw new ProviderException(
          ProviderException.Kind.NOT_FOUND,
          "Azure target "
              + target
              + ": resource group "
              + group
              + " does not exist in subscription "
              + subscription
              + "; create it (az group create -n "
              + group
              + " -l "
              + region
              + "): fnctl deploys into it but never creates or deletes it");
    Path dir = d.spec().baseDir() != null ? d.spec().baseDir() : context.projectDir();
    return new AzureCloud(session, dir, settings.get("keyVault"));
  }

  /** The token audience of an ARM endpoint: the public one's for a loopback fake. */
  /** Whether {@code endpoint} is on this machine (127.0.0.0/8, ::1 or localhost). */
  static boolean onLoopback(String endpoint) {
    try {
      String host = java.net.URI.create(endpoint).getHost();
      return host != null
          && (host.equals("localhost")
              || host.startsWith("127.")
              || host.equals("[::1]")
              || host.equals("::1"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String audience(String endpoint) {
    java.net.URI u = java.net.URI.create(endpoint);
    String host = u.getHost() == null ? "" : u.getHost();
    if (host.equals("127.0.0.1") || host.equals("localhost")) return PUBLIC_ARM;
    return endpoint;
  }

  /** ARM calls this session made, for the tests that count them. */
  long calls() {
    return session.arm.calls();
  }

  AzureNames names() {
    return session.names;
  }

  @Override
  public List<Resource> desired(Deployment d) throws ProviderException {
    routes.clear();
    for (var f : d.functions().values())
      for (var t : f.triggers())
        if (t instanceof dev.fnctl.model.spec.Trigger.Http h)
          routes.put(
              h.method() + " " + h.path(),
              AzureTypes.address(AzureTypes.FUNCTION_APP, session.names.app(f.name())));
    return new StackLayout(
            session.names, session.region, keyVault, projectDir, false, session.storageSuffix)
        .expand(d);
  }

  @Override
  public LiveState read(Deployment d, List<Resource> desired) throws ProviderException {
    return new LiveReader(session, pool).read(desired);
  }

  @Override
  public Map<String, Object> apply(Step step) throws ProviderException {
    Deadline deadline = step.deadline();
    if (step.action() == Action.DELETE) {
      LiveResource live = step.live();
      if (live == null) return Map.of();
      if (!live.owned())
        throw new ProviderException(
            step.address()
                + " is not owned by stack "
                + session.names.stack()
                + ": refusing to delete it");
      types.of(live.type(), step.address()).delete(Address.parse(step.address()), live, deadline);
      return Map.of();
    }
    Address a = Address.parse(step.address());
    if (step.action() == Action.CREATE || step.live() == null)
      return types.of(a.type(), step.address()).create(a, step.desired(), step.after(), deadline);
    return types
        .of(step.live().type(), step.address())
        .update(a, step.desired(), step.after(), step.live(), deadline);
  }

  /** A Flex app is provisioned in a minute or two; a large package upload may take longer. */
  @Override
  public Duration stepTimeout() {
    return Duration.ofMinutes(20);
  }

  /** An app read while still provisioning (a killed run): read again until it has settled. */
  @Override
  public LiveResource awaitSettled(LiveResource pending, Deadline deadline)
      throws ProviderException {
    String app = Address.parse(pending.address()).name();
    while (true) {
      Map<String, Object> site = session.arm.get(session.sitePath(app), ApiVersions.WEB);
      if (site == null) return null;
      String state = Arm.provisioningState(site);
      if (state == null || state.equalsIgnoreCase("Succeeded") || state.equalsIgnoreCase("Failed"))
        return new LiveResource(
            pending.address(),
            pending.type(),
            pending.item(),
            pending.owned(),
            FunctionAppType.properties(site),
            FunctionAppType.outputs(site));
      deadline.pause(Duration.ofSeconds(2), pending.address() + " to finish provisioning");
    }
  }

  @Override
  public StackLock lock() {
    return new BlobLock(session);
  }

  /** Each http trigger's URL: https://<app host>/<route>. */
  @Override
  public Map<String, String> outputs(LiveState live) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> r : routes.entrySet()) {
      Object host =
          live.find(r.getValue()).map(l -> l.outputs().get(FunctionAppType.HOST_NAME)).orElse(null);
      if (host == null) continue;
      String path = r.getKey().substring(r.getKey().indexOf(' ') + 1);
      out.put(r.getKey(), "https://" + host + path);
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
