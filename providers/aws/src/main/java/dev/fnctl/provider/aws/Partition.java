package dev.fnctl.provider.aws;

/**
 * The AWS partition a region belongs to: its ARN prefix, its domain, the name under which its
 * global services (IAM, Budgets) are reached, and whether it offers AWS Budgets. China and GovCloud
 * are separate clouds with their own accounts and credentials: their IAM is not the commercial IAM,
 * so a client for a global service must be pointed at its partition's endpoint, never at {@code
 * aws-global}. The table follows botocore's {@code endpoints.json} (and the SDK's endpoint rules,
 * which {@code PartitionTest} checks it against): Budgets has an endpoint in {@code aws} and {@code
 * aws-cn} ({@code budgets.amazonaws.com.cn}), none in {@code aws-us-gov}. Names no SDK type, so
 * {@code validate} can use it.
 */
enum Partition {
  AWS("aws", "amazonaws.com", "aws-global", true),
  CHINA("aws-cn", "amazonaws.com.cn", "aws-cn-global", true),
  GOVCLOUD("aws-us-gov", "amazonaws.com", "aws-us-gov-global", false);

  /** The partition in ARNs: {@code arn:<id>:...}. */
  final String id;

  /** The domain of its regional endpoints (SQS queue URLs). */
  final String dnsSuffix;

  /** The SDK's region name for the partition's global endpoint of IAM and Budgets. */
  final String globalRegion;

  /** Whether AWS Budgets has an endpoint in this partition. */
  final boolean offersBudgets;

  Partition(String id, String dnsSuffix, String globalRegion, boolean offersBudgets) {
    this.id = id;
    this.dnsSuffix = dnsSuffix;
    this.globalRegion = globalRegion;
    this.offersBudgets = offersBudgets;
  }

  static Partition of(String region) {
    if (region == null) return AWS;
    if (region.startsWith("cn-")) return CHINA;
    if (region.startsWith("us-gov-")) return GOVCLOUD;
    return AWS;
  }

  /** How a user reads it: "AWS GovCloud (US)". */
  String title() {
    return switch (this) {
      case AWS -> "AWS";
      case CHINA -> "AWS China";
      case GOVCLOUD -> "AWS GovCloud (US)";
    };
  }
}
