package dev.fnctl.provider.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Counts what one stack and target has in the (moto) cloud, per resource kind, with the AWS SDK
 * directly and none of fnctl's code: an independent check of what fnctl made. Whatever can be
 * tagged counts when it carries both tags; what cannot (statements, notifications, subscriptions,
 * mappings, routes, schedules) counts when the tagged thing it belongs to does.
 */
final class AwsCensus implements AutoCloseable {
  private final LambdaClient lambda;
  private final IamClient iam;
  private final SqsClient sqs;
  private final SnsClient sns;
  private final S3Client s3;
  private final SchedulerClient scheduler;
  private final ApiGatewayV2Client apis;
  private final BudgetsClient budgets;

  AwsCensus(String endpoint) {
    lambda = client(LambdaClient.builder(), endpoint);
    iam = client(IamClient.builder(), endpoint);
    sqs = client(SqsClient.builder(), endpoint);
    sns = client(SnsClient.builder(), endpoint);
    s3 = client(S3Client.builder(), endpoint);
    scheduler = client(SchedulerClient.builder(), endpoint);
    apis = client(ApiGatewayV2Client.builder(), endpoint);
    budgets = client(BudgetsClient.builder(), endpoint);
  }

  private static <T> T client(AwsClientBuilder<?, T> b, String endpoint) {
    b.region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .endpointOverride(URI.create(endpoint));
    if (b instanceof SdkSyncClientBuilder<?, ?> s) s.httpClient(UrlConnectionHttpClient.create());
    if (b instanceof S3ClientBuilder s3) s3.forcePathStyle(true);
    return b.build();
  }

  private static boolean ours(Map<String, String> tags, String stack, String target) {
    return stack.equals(tags.get("fnctl-stack")) && target.equals(tags.get("fnctl-target"));
  }

  /** Kind -> count; kinds with none are listed with 0, so two censuses compare whole. */
  Map<String, Integer> count(String stack, String target) {
    Map<String, Integer> out = new TreeMap<>();
    Set<String> functionArns = new TreeSet<>();
    Set<String> functionNames = new TreeSet<>();
    for (FunctionConfiguration f : lambda.listFunctionsPaginator().functions()) {
      if (ours(lambda.listTags(b -> b.resource(f.functionArn())).tags(), stack, target)) {
        functionArns.add(f.functionArn());
        functionNames.add(f.functionName());
      }
    }
    out.put("lambda functions", functionNames.size());

    int roles = 0;
    for (Role r : iam.listRolesPaginator().roles()) {
      Map<String, String> tags = new HashMap<>();
      iam.listRoleTags(b -> b.roleName(r.roleName()))
          .tags()
          .forEach(t -> tags.put(t.key(), t.value()));
      if (ours(tags, stack, target)) roles++;
    }
    out.put("iam roles", roles);

    int inlinePolicies = 0;
    for (Role r : iam.listRolesPaginator().roles()) {
      Map<String, String> tags = new HashMap<>();
      iam.listRoleTags(b -> b.roleName(r.roleName()))
          .tags()
          .forEach(t -> tags.put(t.key(), t.value()));
      if (ours(tags, stack, target))
        inlinePolicies += iam.listRolePolicies(b -> b.roleName(r.roleName())).policyNames().size();
    }
    out.put("iam inline policies", inlinePolicies);

    int queues = 0;
    List<String> queueArns = new ArrayList<>();
    for (String url : sqs.listQueues().queueUrls()) {
      if (ours(sqs.listQueueTags(b -> b.queueUrl(url)).tags(), stack, target)) {
        queues++;
        queueArns.add(url.substring(url.lastIndexOf('/') + 1));
      }
    }
    out.put("sqs queues", queues);

    int topics = 0;
    for (var t : sns.listTopicsPaginator().topics()) {
      Map<String, String> tags = new HashMap<>();
      sns.listTagsForResource(b -> b.resourceArn(t.topicArn()))
          .tags()
          .forEach(tag -> tags.put(tag.key(), tag.value()));
      if (ours(tags, stack, target)) topics++;
    }
    out.put("sns topics", topics);

    int subscriptions = 0;
    for (Subscription sub : sns.listSubscriptionsPaginator().subscriptions()) {
      if ("lambda".equals(sub.protocol()) && ownsFunction(functionNames, sub.endpoint()))
        subscriptions++;
    }
    out.put("sns subscriptions", subscriptions);

    int buckets = 0;
    int notifications = 0;
    for (Bucket b : s3.listBuckets().buckets()) {
      Map<String, String> tags = new HashMap<>();
      try {
        s3.getBucketTagging(r -> r.bucket(b.name()))
            .tagSet()
            .forEach(t -> tags.put(t.key(), t.value()));
      } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
        // NoSuchTagSet: not ours
      }
      if (ours(tags, stack, target)) buckets++;
      for (LambdaFunctionConfiguration l :
          s3.getBucketNotificationConfiguration(r -> r.bucket(b.name()))
              .lambdaFunctionConfigurations()) {
        if (ownsFunction(functionNames, l.lambdaFunctionArn())) notifications++;
      }
    }
    out.put("s3 buckets", buckets);
    out.put("s3 notifications", notifications);

    int mappings = 0;
    int statements = 0;
    for (String fn : functionNames) {
      mappings +=
          lambda.listEventSourceMappings(b -> b.functionName(fn)).eventSourceMappings().size();
      try {
        String policy = lambda.getPolicy(b -> b.functionName(fn)).policy();
        statements += occurrences(policy, "\"Sid\"");
      } catch (ResourceNotFoundException e) {
        // no policy: no statements
      }
    }
    for (var m : lambda.listEventSourceMappings().eventSourceMappings())
      if (ownsFunction(functionNames, m.functionArn())) mappings++;
    out.put("lambda event source mappings", mappings);
    out.put("lambda permission statements", statements);

    String group = stack + "-" + target;
    int groups = 0;
    int schedules = 0;
    try {
      scheduler.getScheduleGroup(b -> b.name(group));
      groups = 1;
      schedules = scheduler.listSchedules(b -> b.groupName(group)).schedules().size();
    } catch (software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException e) {
      // no group
    }
    out.put("scheduler groups", groups);
    out.put("scheduler schedules", schedules);

    int httpApis = 0;
    int routes = 0;
    int integrations = 0;
    int stages = 0;
    for (Api a : apis.getApis(b -> b.maxResults("500")).items()) {
      if (!ours(a.tags(), stack, target)) continue;
      httpApis++;
      routes += apis.getRoutes(b -> b.apiId(a.apiId())).items().size();
      integrations += apis.getIntegrations(b -> b.apiId(a.apiId())).items().size();
      stages += apis.getStages(b -> b.apiId(a.apiId())).items().size();
    }
    out.put("http apis", httpApis);
    out.put("http routes", routes);
    out.put("http integrations", integrations);
    out.put("http stages", stages);

    int budgetCount = 0;
    List<Budget> all;
    try {
      all = budgets.describeBudgets(r -> r.accountId("123456789012")).budgets();
    } catch (software.amazon.awssdk.services.budgets.model.NotFoundException e) {
      all = List.of(); // AWS's answer for an account without budgets
    }
    for (Budget b : all) {
      Map<String, String> tags = new HashMap<>();
      budgets
          .listTagsForResource(
              r -> r.resourceARN("arn:aws:budgets::123456789012:budget/" + b.budgetName()))
          .resourceTags()
          .forEach(t -> tags.put(t.key(), t.value()));
      if (ours(tags, stack, target)) budgetCount++;
    }
    out.put("budgets", budgetCount);
    return out;
  }

  /** True when an ARN (of a function or its alias) names one of {@code functions}. */
  private static boolean ownsFunction(Set<String> functions, String arn) {
    if (arn == null) return false;
    int at = arn.indexOf(":function:");
    if (at < 0) return false;
    String rest = arn.substring(at + ":function:".length());
    int colon = rest.indexOf(':');
    return functions.contains(colon < 0 ? rest : rest.substring(0, colon));
  }

  private static int occurrences(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
    return n;
  }

  @Override
  public void close() {
    lambda.close();
    iam.close();
    sqs.close();
    sns.close();
    s3.close();
    scheduler.close();
    apis.close();
    budgets.close();
  }
}
