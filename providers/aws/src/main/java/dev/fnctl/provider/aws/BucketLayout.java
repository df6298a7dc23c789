package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.*;

import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The buckets the stack owns and the S3 notifications (entries of the bucket's notification
 * configuration) that invoke a function, with their invoke permissions.
 */
final class BucketLayout {
  private final StackLayout layout;
  private final StackNames names;

  BucketLayout(StackLayout layout) {
    this.layout = layout;
    this.names = layout.names();
  }

  /** Every bucket the stack owns. */
  void buckets(Deployment d) {
    for (BucketSpec b : d.buckets().values()) {
      if (!b.owned()) continue;
      layout.add(
          Resource.of(
              address(BUCKET, names.bucket(b.name())),
              BUCKET,
              "bucket " + b.name(),
              Map.of(),
              List.of()));
    }
  }

  /** The resources of one {@code storage} trigger of function {@code f}. */
  void trigger(Deployment d, FunctionSpec f, Trigger.Storage s) {
    String item = "function " + f.name();
    String target = layout.invokeArn(f);
    List<String> targetDeps = layout.invokeDeps(f);
    String bucket = layout.bucketName(d, s.bucket());
    String sid = StackNames.statementId("fnctl-s3-", bucket);
    String permission =
        layout.permission(
            f,
            item,
            sid,
            "s3.amazonaws.com",
            layout.bucketArn(d, s.bucket()),
            layout.ownedDep(BUCKET, bucket));
    Map<String, Object> np = new LinkedHashMap<>();
    np.put(NotificationType.FUNCTION, target);
    np.put(NotificationType.EVENTS, s3Events(s.events()));
    np.put(NotificationType.PREFIX, s.prefix());
    np.put(NotificationType.SUFFIX, s.suffix());
    String id = names.notificationPrefix() + f.name() + "-" + s.slug();
    layout.add(
        Resource.of(
                address(NOTIFICATION, bucket + "/" + id),
                NOTIFICATION,
                item,
                np,
                StackLayout.concat(
                    targetDeps, List.of(permission), layout.ownedDep(BUCKET, bucket)))
            .inContainer(notificationsOf(bucket)));
  }

  static List<String> s3Events(List<String> events) {
    TreeSet<String> out = new TreeSet<>();
    for (String e : events == null || events.isEmpty() ? List.of("created") : events) {
      out.add(
          switch (e) {
            case "created" -> "s3:ObjectCreated:*";
            case "deleted" -> "s3:ObjectRemoved:*";
            default -> e.startsWith("s3:") ? e : "s3:" + e;
          });
    }
    return List.copyOf(out);
  }
}
