package dev.fnctl.provider.aws;

import dev.fnctl.provider.ProviderException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients of one session, made on first use, all with the same region, credentials,
 * endpoint override and retry strategy (backoff on throttling, 5xx and dropped connections). They
 * share the JDK's URLConnection client, which starts fastest, except API Gateway: its updates are
 * PATCH requests, a method URLConnection refuses, so it gets Apache HttpClient.
 */
final class AwsClients implements AutoCloseable {
  static final int MAX_ATTEMPTS = 6;

  final Region region;
  private final AwsCredentialsProvider credentials;
  private final URI endpoint;
  private final SdkHttpClient http;
  private final Lazy<SdkHttpClient> patchingHttp;
  private final AtomicLong calls = new AtomicLong();

  final Supplier<StsClient> sts;
  final Supplier<IamClient> iam;
  final Supplier<LambdaClient> lambda;
  final Supplier<SqsClient> sqs;
  final Supplier<SnsClient> sns;
  final Supplier<S3Client> s3;
  final Supplier<SchedulerClient> scheduler;
  final Supplier<ApiGatewayV2Client> apis;
  final Supplier<BudgetsClient> budgets;
  final Supplier<SsmClient> ssm;
  final Supplier<ResourceGroupsTaggingApiClient> tagging;

  AwsClients(Map<String, String> settings, Map<String, String> env) throws ProviderException {
    String profile = settings.get("profile");
    this.region = region(settings.get("region"), profile, env);
    this.credentials = credentials(profile, env);
    String ep = settings.get("endpoint");
    if (ep == null || ep.isBlank()) ep = env.get("AWS_ENDPOINT_URL");
    this.endpoint = ep == null || ep.isBlank() ? null : URI.create(ep);
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60))
            .build();
    this.patchingHttp =
        lazy(
            () ->
                ApacheHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build());
    this.sts = lazy(() -> configure(StsClient.builder()).build());
    this.iam = lazy(() -> configure(IamClient.builder()).region(globalRegion()).build());
    this.lambda = lazy(() -> configure(LambdaClient.builder()).build());
    this.sqs = lazy(() -> configure(SqsClient.builder()).build());
    this.sns = lazy(() -> configure(SnsClient.builder()).build());
    this.s3 = lazy(() -> configure(S3Client.builder()).forcePathStyle(endpoint != null).build());
    this.scheduler = lazy(() -> configure(SchedulerClient.builder()).build());
    this.apis =
        lazy(() -> configure(ApiGatewayV2Client.builder()).httpClient(patchingHttp.get()).build());
    this.budgets = lazy(() -> configure(BudgetsClient.builder()).region(globalRegion()).build());
    this.ssm = lazy(() -> configure(SsmClient.builder()).build());
    this.tagging = lazy(() -> configure(ResourceGroupsTaggingApiClient.builder()).build());
  }

  /**
   * Where IAM and Budgets are called: the global endpoint of the target region's own partition
   * ({@code iam.cn-north-1.amazonaws.com.cn} for China, {@code iam.us-gov.amazonaws.com} for
   * GovCloud), never the commercial one; under an endpoint override (moto), the target's region.
   */
  Region globalRegion() {
    return endpoint == null ? Region.of(Partition.of(region.id()).globalRegion) : region;
  }

  /** API calls sent so far (retries included): the benchmark's measure. */
  long calls() {
    return calls.get();
  }

  boolean customEndpoint() {
    return endpoint != null;
  }

  /** The target's endpoint override, or null for AWS's own endpoints. */
  URI endpoint() {
    return endpoint;
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(AwsClientBuilder<B, ?> builder) {
    B b = builder.region(region).credentialsProvider(credentials);
    if (endpoint != null) b.endpointOverride(endpoint);
    b.overrideConfiguration(
        ClientOverrideConfiguration.builder()
            .retryStrategy(
                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .maxAttempts(MAX_ATTEMPTS)
                    .circuitBreakerEnabled(false)
                    .build())
            .addExecutionInterceptor(
                new ExecutionInterceptor() {
                  @Override
                  public void beforeTransmission(
                      Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    calls.incrementAndGet();
                  }
                })
            .build());
    if (b instanceof SdkSyncClientBuilder<?, ?> sync) sync.httpClient(http);
    return b;
  }

  private static Region region(String setting, String profile, Map<String, String> env)
      throws ProviderException {
    if (setting != null && !setting.isBlank()) return Region.of(setting);
    for (String key : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String v = env.get(key);
      if (v != null && !v.isBlank()) return Region.of(v);
    }
    try {
      DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
      if (profile != null) chain.profileName(profile);
      return chain.build().getRegion();
    } catch (RuntimeException e) {
      throw new ProviderException("no AWS region: set region: on the target or AWS_REGION");
    }
  }

  /**
   * Keys in the given environment win (tests and CI pass them explicitly), then the target's
   * profile, then the SDK's default chain (env, profile, SSO, container and instance roles).
   */
  private static AwsCredentialsProvider credentials(String profile, Map<String, String> env) {
    String key = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (profile != null && !profile.isBlank()) return ProfileCredentialsProvider.create(profile);
    if (key != null && secret != null) {
      String token = env.get("AWS_SESSION_TOKEN");
      return StaticCredentialsProvider.create(
          token == null
              ? AwsBasicCredentials.create(key, secret)
              : AwsSessionCredentials.create(key, secret, token));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static <T> Lazy<T> lazy(Supplier<T> make) {
    return new Lazy<>(make);
  }

  /** A value made on first use, once, whichever thread asks first. */
  static final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> make;
    private volatile T value;

    Lazy(Supplier<T> make) {
      this.make = make;
    }

    @Override
    public T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          if (value == null) value = make.get();
          v = value;
        }
      }
      return v;
    }

    boolean made() {
      return value != null;
    }
  }

  @Override
  public void close() {
    http.close();
    if (patchingHttp.made()) patchingHttp.get().close();
  }
}
