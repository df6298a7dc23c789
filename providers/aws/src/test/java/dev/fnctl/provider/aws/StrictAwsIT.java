package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The strict layer every moto test runs through refuses what real AWS refuses, with AWS's status,
 * error code and message, in each protocol fnctl's clients speak; and records the calls it sees.
 */
class StrictAwsIT extends MotoTestBase {

  @AfterEach
  void enforceAgain() {
    proxy.strict().enforce(true);
  }

  /** An SDK client that goes through the proxy (the strict layer), as fnctl's clients do. */
  <T> T strict(software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, T> b) {
    b.region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .endpointOverride(java.net.URI.create(proxy.endpoint()));
    if (b instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> s)
      s.httpClient(UrlConnectionHttpClient.create());
    if (b instanceof software.amazon.awssdk.services.s3.S3ClientBuilder s3) s3.forcePathStyle(true);
    return b.build();
  }

  @Test
  void restJsonALambdaStatementIdWithADotIsRefusedAsLambdaRefusesIt() {
    try (LambdaClient lambda = strict(LambdaClient.builder())) {
      AwsServiceException e =
          assertThrows(
              AwsServiceException.class,
              () ->
                  lambda.addPermission(
                      b ->
                          b.functionName("shop-prod-thumb")
                              .statementId("fnctl-s3-my.legacy.bucket")
                              .action("lambda:InvokeFunction")
                              .principal("s3.amazonaws.com")));
      assertEquals(400, e.statusCode());
      assertEquals("ValidationException", e.awsErrorDetails().errorCode());
      assertEquals(
          "1 validation error detected: Value 'fnctl-s3-my.legacy.bucket' at 'statementId' failed"
              + " to satisfy constraint: Member must satisfy regular expression pattern:"
              + " ([a-zA-Z0-9-_]+)",
          e.awsErrorDetails().errorMessage());
    }
  }

  @Test
  void queryAnIamRoleNameOverSixtyFourCharactersIsAValidationError() {
    try (IamClient iam = strict(IamClient.builder())) {
      String name = "r".repeat(65);
      AwsServiceException e =
          assertThrows(
              AwsServiceException.class,
              () -> iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument("{}")));
      assertEquals(400, e.statusCode());
      assertEquals("ValidationError", e.awsErrorDetails().errorCode());
      assertTrue(
          e.awsErrorDetails()
              .errorMessage()
              .contains(
                  "at 'roleName' failed to satisfy constraint: Member must have length less"
                      + " than or equal to 64"),
          e.awsErrorDetails().errorMessage());
    }
  }

  @Test
  void jsonAMissingRequiredMemberIsAValidationException() {
    try (SqsClient sqs = strict(SqsClient.builder())) {
      AwsServiceException e =
          assertThrows(AwsServiceException.class, () -> sqs.getQueueUrl(b -> b.queueName(null)));
      assertEquals(400, e.statusCode());
      assertTrue(
          e.awsErrorDetails().errorMessage().contains("Value null at 'queueName'"),
          e.awsErrorDetails().errorMessage());
    }
  }

  @Test
  void restXmlOverlappingNotificationFiltersAreRefusedWhereMotoAcceptsThem() {
    try (S3Client s3 = strict(S3Client.builder());
        SqsClient sqs = strict(SqsClient.builder())) {
      s3.createBucket(b -> b.bucket("overlap"));
      String queue = sqs.createQueue(b -> b.queueName("events")).queueUrl();
      String arn = "arn:aws:sqs:eu-west-1:123456789012:events";
      QueueConfiguration images = filtered(arn, "images/", null);
      QueueConfiguration jpegs = filtered(arn, "images/raw/", ".jpg");
      QueueConfiguration docs = filtered(arn, "docs/", null);
      AwsServiceException e =
          assertThrows(
              AwsServiceException.class,
              () ->
                  s3.putBucketNotificationConfiguration(
                      b ->
                          b.bucket("overlap")
                              .notificationConfiguration(
                                  n -> n.queueConfigurations(images, jpegs))));
      assertEquals(400, e.statusCode(), e.getMessage());
      assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
      assertTrue(
          e.awsErrorDetails().errorMessage().startsWith("Configuration is ambiguously defined"),
          e.awsErrorDetails().errorMessage());
      s3.putBucketNotificationConfiguration(
          b ->
              b.bucket("overlap")
                  .notificationConfiguration(n -> n.queueConfigurations(images, docs)));
      assertEquals(
          2,
          s3.getBucketNotificationConfiguration(b -> b.bucket("overlap"))
              .queueConfigurations()
              .size(),
          "filters that do not overlap pass");
      proxy.strict().enforce(false);
      s3.putBucketNotificationConfiguration(
          b ->
              b.bucket("overlap")
                  .notificationConfiguration(n -> n.queueConfigurations(images, jpegs)));
      assertTrue(queue.endsWith("/events"));
    }
  }

  @Test
  void restXmlANotificationToAMissingFunctionIsRefusedUnlessDestinationValidationIsSkipped() {
    try (S3Client s3 = strict(S3Client.builder())) {
      s3.createBucket(b -> b.bucket("dangling"));
      String gone = "arn:aws:lambda:eu-west-1:123456789012:function:gone";
      software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration entry =
          software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration.builder()
              .id("someone-elses")
              .lambdaFunctionArn(gone)
              .events(Event.S3_OBJECT_CREATED)
              .build();
      AwsServiceException e =
          assertThrows(
              AwsServiceException.class,
              () ->
                  s3.putBucketNotificationConfiguration(
                      b ->
                          b.bucket("dangling")
                              .notificationConfiguration(
                                  n -> n.lambdaFunctionConfigurations(entry))));
      assertEquals(400, e.statusCode());
      assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
      assertEquals(
          "Unable to validate the following destination configurations",
          e.awsErrorDetails().errorMessage());
      s3.putBucketNotificationConfiguration(
          b ->
              b.bucket("dangling")
                  .notificationConfiguration(n -> n.lambdaFunctionConfigurations(entry))
                  .skipDestinationValidation(true));
      assertEquals(
          gone,
          s3.getBucketNotificationConfiguration(b -> b.bucket("dangling"))
              .lambdaFunctionConfigurations()
              .get(0)
              .lambdaFunctionArn());
    }
  }

  @Test
  void recordsTheOperationsItSees() {
    proxy.strict().clearOperations();
    try (S3Client s3 = strict(S3Client.builder());
        IamClient iam = strict(IamClient.builder())) {
      s3.createBucket(b -> b.bucket("seen"));
      s3.getBucketNotificationConfiguration(b -> b.bucket("seen"));
      iam.listRoles();
    }
    assertEquals(
        Set.of("iam:ListRoles", "s3:CreateBucket", "s3:GetBucketNotificationConfiguration"),
        proxy.strict().operations());
  }

  /** Names in lower case: S3 takes any case, moto 5.2.1 only the modelled one. */
  private static QueueConfiguration filtered(String arn, String prefix, String suffix) {
    List<FilterRule> rules = new ArrayList<>();
    rules.add(FilterRule.builder().name("prefix").value(prefix).build());
    if (suffix != null) rules.add(FilterRule.builder().name("suffix").value(suffix).build());
    return QueueConfiguration.builder()
        .queueArn(arn)
        .events(Event.S3_OBJECT_CREATED)
        .filter(f -> f.key(k -> k.filterRules(rules)))
        .build();
  }
}
