package dev.fnctl.testkit.aws;

import java.util.Map;

/**
 * The IAM action an AWS operation is authorised by. Mostly the service's IAM prefix and the
 * operation's name ({@code lambda:AddPermission}); the exceptions are the services whose actions
 * are not named after their operations, from the Service Authorization Reference: API Gateway's are
 * HTTP methods, Budgets has View/Modify, the tagging API's prefix is {@code tag}, and S3 names
 * several actions after an older API.
 */
public final class IamActions {
  private IamActions() {}

  private static final Map<String, String> PREFIXES = Map.of("tagging", "tag");

  private static final Map<String, String> S3 =
      Map.ofEntries(
          Map.entry("GetBucketNotificationConfiguration", "s3:GetBucketNotification"),
          Map.entry("PutBucketNotificationConfiguration", "s3:PutBucketNotification"),
          Map.entry("ListObjectsV2", "s3:ListBucket"),
          Map.entry("ListObjects", "s3:ListBucket"),
          Map.entry("HeadBucket", "s3:ListBucket"),
          Map.entry("HeadObject", "s3:GetObject"),
          Map.entry("DeleteObjects", "s3:DeleteObject"),
          Map.entry("DeleteBucketTagging", "s3:PutBucketTagging"),
          Map.entry("ListObjectVersions", "s3:ListBucketVersions"),
          Map.entry("ListBuckets", "s3:ListAllMyBuckets"),
          Map.entry("PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock"),
          Map.entry("GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"),
          Map.entry("PutBucketEncryption", "s3:PutEncryptionConfiguration"),
          Map.entry("GetBucketEncryption", "s3:GetEncryptionConfiguration"));

  private static final Map<String, String> BUDGETS =
      Map.ofEntries(
          Map.entry("DescribeBudgets", "budgets:ViewBudget"),
          Map.entry("DescribeBudget", "budgets:ViewBudget"),
          Map.entry("DescribeNotificationsForBudget", "budgets:ViewBudget"),
          Map.entry("DescribeSubscribersForNotification", "budgets:ViewBudget"),
          Map.entry("CreateBudget", "budgets:ModifyBudget"),
          Map.entry("UpdateBudget", "budgets:ModifyBudget"),
          Map.entry("DeleteBudget", "budgets:ModifyBudget"),
          Map.entry("CreateNotification", "budgets:ModifyBudget"),
          Map.entry("UpdateNotification", "budgets:ModifyBudget"),
          Map.entry("DeleteNotification", "budgets:ModifyBudget"),
          Map.entry("CreateSubscriber", "budgets:ModifyBudget"),
          Map.entry("UpdateSubscriber", "budgets:ModifyBudget"),
          Map.entry("DeleteSubscriber", "budgets:ModifyBudget"));

  /**
   * The action for {@code operation} of the API signed as {@code signingName}, or null when the
   * operation needs no permission (STS GetCallerIdentity).
   */
  @SuppressWarnings("unchecked")
  public static String of(String signingName, String operation) {
    switch (signingName) {
      case "sts":
        if (operation.equals("GetCallerIdentity")) return null;
        break;
      case "s3":
        if (S3.containsKey(operation)) return S3.get(operation);
        break;
      case "budgets":
        if (BUDGETS.containsKey(operation)) return BUDGETS.get(operation);
        break;
      case "lambda":
        if (operation.equals("Invoke")) return "lambda:InvokeFunction";
        break;
      case "apigateway":
        {
          ServiceModel m = BotocoreModels.bySigningName().get("apigateway");
          Map<String, Object> http = (Map<String, Object>) m.operation(operation).get("http");
          return "apigateway:" + http.get("method");
        }
      default:
        break;
    }
    return PREFIXES.getOrDefault(signingName, signingName) + ":" + operation;
  }
}
