package dev.fnctl.provider.aws;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an {@code existing:} queue, topic or bucket names, exactly as written. An ARN is used as
 * given (another account's or region's included): its name is its last part, its account and region
 * are its own. A queue URL says its account and region too ({@code
 * https://sqs.<region>.amazonaws.com/<account>/<name>}). Only a bare name means "in the target's
 * account and region". Grants, event source mappings, subscriptions and permission conditions are
 * built from this, never from the name rebuilt with the target's account.
 *
 * @param name the resource's name (the bucket, queue or topic name)
 * @param arn its ARN
 * @param account the account it is in, or null when the text does not say (a bucket ARN, a name)
 * @param region the region it is in, or null when the text does not say
 */
record Existing(String name, String arn, String account, String region) {

  private static final Pattern QUEUE_HOST =
      Pattern.compile(
          "^(?:sqs\\.([a-z0-9-]+)|([a-z0-9-]+)\\.queue|queue)\\.amazonaws\\.com(\\.cn)?$");

  /** An existing queue: an ARN, a queue URL or a name. */
  static Existing queue(String existing, StackNames names) {
    if (existing.startsWith("arn:")) return fromArn(existing);
    if (existing.startsWith("https://") || existing.startsWith("http://")) {
      URI url = URI.create(existing);
      String[] path = url.getPath().replaceAll("^/+|/+$", "").split("/");
      if (path.length == 2) {
        String account = path[0];
        String name = path[1];
        String region = names.region();
        Matcher host = QUEUE_HOST.matcher(String.valueOf(url.getHost()));
        if (host.matches()) {
          if (host.group(1) != null) region = host.group(1);
          else if (host.group(2) != null) region = host.group(2);
          else region = "us-east-1"; // queue.amazonaws.com: the legacy us-east-1 endpoint
        }
        String arn =
            "arn:" + StackNames.partitionOf(region) + ":sqs:" + region + ":" + account + ":" + name;
        return new Existing(name, arn, account, region);
      }
    }
    String name = StackLayout.lastSegment(existing);
    return new Existing(name, names.queueArn(name), null, null);
  }

  /** An existing topic: an ARN or a name. */
  static Existing topic(String existing, StackNames names) {
    if (existing.startsWith("arn:")) return fromArn(existing);
    return new Existing(existing, names.topicArn(existing), null, null);
  }

  /** An existing bucket: an ARN ({@code arn:aws:s3:::name}, which names no account) or a name. */
  static Existing bucket(String existing, StackNames names) {
    if (existing.startsWith("arn:")) return fromArn(existing);
    return new Existing(existing, names.bucketArn(existing), null, null);
  }

  private static Existing fromArn(String arn) {
    String[] parts = arn.split(":", 6);
    String region = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
    String account = parts.length > 4 && !parts[4].isEmpty() ? parts[4] : null;
    return new Existing(arn.substring(arn.lastIndexOf(':') + 1), arn, account, region);
  }

  /**
   * Whether it is in the target's account and region as far as the text says (a bare name is): only
   * then can it be something this stack made.
   */
  boolean inTarget(String targetAccount, String targetRegion) {
    return (account == null || targetAccount == null || account.equals(targetAccount))
        && (region == null || targetRegion == null || region.equals(targetRegion));
  }

  /** The account a permission's SourceAccount condition names: its own, else the target's. */
  String accountOr(String targetAccount) {
    return account == null ? targetAccount : account;
  }
}
