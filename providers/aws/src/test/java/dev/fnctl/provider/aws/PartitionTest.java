package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.spec.Budget;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.provider.Problem;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.budgets.endpoints.BudgetsEndpointParams;
import software.amazon.awssdk.services.budgets.endpoints.BudgetsEndpointProvider;
import software.amazon.awssdk.services.iam.endpoints.IamEndpointParams;
import software.amazon.awssdk.services.iam.endpoints.IamEndpointProvider;

/**
 * China and GovCloud targets reach IAM and Budgets in their own partition, build ARNs with its
 * name, and a partition without Budgets is refused at validate. The table in {@link Partition} is
 * checked against the SDK's own endpoint rules and service metadata (both generated from the same
 * endpoints data as botocore's).
 */
class PartitionTest {
  static final Map<String, String> KEYS =
      Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret");

  static String iamHost(String region) throws Exception {
    try (AwsClients c = new AwsClients(Map.of("region", region), KEYS)) {
      return IamEndpointProvider.defaultProvider()
          .resolveEndpoint(IamEndpointParams.builder().region(c.globalRegion()).build())
          .join()
          .url()
          .getHost();
    }
  }

  static String budgetsHost(String region) throws Exception {
    try (AwsClients c = new AwsClients(Map.of("region", region), KEYS)) {
      return BudgetsEndpointProvider.defaultProvider()
          .resolveEndpoint(BudgetsEndpointParams.builder().region(c.globalRegion()).build())
          .join()
          .url()
          .getHost();
    }
  }

  @Test
  void iamIsCalledInTheTargetRegionsOwnPartition() throws Exception {
    assertEquals("iam.amazonaws.com", iamHost("eu-west-1"));
    assertEquals("iam.cn-north-1.amazonaws.com.cn", iamHost("cn-northwest-1"));
    assertEquals("iam.us-gov.amazonaws.com", iamHost("us-gov-east-1"));
  }

  @Test
  void budgetsAreCalledInTheirPartitionWhereOffered() throws Exception {
    assertEquals("budgets.amazonaws.com", budgetsHost("eu-west-1"));
    assertEquals("budgets.amazonaws.com.cn", budgetsHost("cn-north-1"));
  }

  @Test
  void whetherAPartitionOffersBudgetsIsWhatTheEndpointsDataSays() {
    List<Region> budgetRegions = ServiceMetadata.of("budgets").regions();
    for (Partition p : Partition.values()) {
      boolean offered =
          budgetRegions.stream()
              .anyMatch(
                  r ->
                      r.id().equals(p.globalRegion)
                          || (r.metadata() != null && r.metadata().partition().id().equals(p.id)));
      assertEquals(p.offersBudgets, offered, p.id);
    }
  }

  @Test
  void regionsBelongToTheirPartitionAndArnsSayWhich() {
    assertEquals(Partition.CHINA, Partition.of("cn-north-1"));
    assertEquals(Partition.GOVCLOUD, Partition.of("us-gov-west-1"));
    assertEquals(Partition.AWS, Partition.of("us-east-1"));
    StackNames cn = new StackNames("shop", "prod", "cn-north-1", "123456789012");
    assertEquals(
        "arn:aws-cn:iam::123456789012:role/shop-prod-resize", cn.roleArn("shop-prod-resize"));
    assertEquals("arn:aws-cn:s3:::b", cn.bucketArn("b"));
    StackNames gov = new StackNames("shop", "prod", "us-gov-west-1", "123456789012");
    assertEquals(
        "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f", gov.functionArn("f"));
    assertEquals(
        "arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        gov.managedPolicyArn("AWSLambdaBasicExecutionRole"));
  }

  @Test
  void budgetsOnAGovCloudTargetAreRefusedAtValidateNamingTheTargetAndWhatToDo() {
    Map<String, Budget> budgets =
        Map.of(
            "monthly",
            new Budget("monthly", BigDecimal.TEN, null, Budget.Period.MONTHLY, List.of()));
    Spec gov =
        TestSpecs.build(
            "shop",
            Path.of("/nonexistent"),
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            budgets,
            Map.of("region", "us-gov-west-1"));
    List<Problem> problems = new AwsProvider().validate(TestSpecs.prod(gov));
    assertEquals(1, problems.size(), problems.toString());
    assertEquals("budgets.monthly", problems.get(0).path());
    assertEquals(
        "AWS Budgets is not offered in AWS GovCloud (US) (target prod, region us-gov-west-1):"
            + " remove budgets from this target's spec (or deploy them from a target in the linked"
            + " commercial account, where GovCloud costs are billed)",
        problems.get(0).message());
    // The region may come from the environment, which validate does not see: connect refuses it
    // before any call is made.
    Spec govFromEnv =
        TestSpecs.build(
            "shop",
            Path.of("/nonexistent"),
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            budgets,
            Map.of());
    Map<String, String> env = new java.util.HashMap<>(KEYS);
    env.put("AWS_REGION", "us-gov-east-1");
    dev.fnctl.provider.ProviderException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.fnctl.provider.ProviderException.class,
            () ->
                new AwsProvider()
                    .connect(
                        TestSpecs.prod(govFromEnv),
                        new dev.fnctl.provider.Context(
                            Path.of("/nonexistent"), env, dev.fnctl.provider.Context.Log.SILENT)));
    assertEquals(dev.fnctl.provider.ProviderException.Kind.INVALID, refused.kind());
    assertTrue(
        refused
            .getMessage()
            .startsWith(
                "budgets.monthly: AWS Budgets is not offered in AWS GovCloud (US) (target prod,"
                    + " region us-gov-east-1)"),
        refused.getMessage());
    Spec china =
        TestSpecs.build(
            "shop",
            Path.of("/nonexistent"),
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            budgets,
            Map.of("region", "cn-north-1"));
    assertEquals(List.of(), new AwsProvider().validate(TestSpecs.prod(china)));
    assertNull(AwsProvider.budgetsNotOffered(TestSpecs.prod(china), "cn-north-1"));
    assertTrue(
        AwsProvider.budgetsNotOffered(TestSpecs.prod(gov), "us-gov-east-1")
            .message()
            .contains("us-gov-east-1"));
  }
}
