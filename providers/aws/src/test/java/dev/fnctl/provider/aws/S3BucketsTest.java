package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;

/** Which entry of a shared bucket blocks fnctl's notification, as S3's overlap rule has it. */
class S3BucketsTest {
  static LambdaFunctionConfiguration lambda(String id, String prefix, String suffix) {
    return LambdaFunctionConfiguration.builder()
        .id(id)
        .lambdaFunctionArn("arn:aws:lambda:eu-west-1:1:function:" + id)
        .events(Event.S3_OBJECT_CREATED)
        .filter(
            f ->
                f.key(
                    k -> {
                      var rules =
                          new java.util.ArrayList<
                              software.amazon.awssdk.services.s3.model.FilterRule>();
                      if (prefix != null)
                        rules.add(
                            software.amazon.awssdk.services.s3.model.FilterRule.builder()
                                .name("prefix")
                                .value(prefix)
                                .build());
                      if (suffix != null)
                        rules.add(
                            software.amazon.awssdk.services.s3.model.FilterRule.builder()
                                .name("suffix")
                                .value(suffix)
                                .build());
                      k.filterRules(rules);
                    }))
        .build();
  }

  @Test
  void namesTheForeignEntryAChangedOneOverlaps() {
    QueueConfiguration theirs =
        QueueConfiguration.builder()
            .id("audit")
            .queueArn("arn:aws:sqs:eu-west-1:2:audit")
            .eventsWithStrings("s3:ObjectCreated:Put")
            .build();
    NotificationConfiguration c =
        NotificationConfiguration.builder()
            .lambdaFunctionConfigurations(lambda("fnctl-a", "in/", ".jpg"))
            .queueConfigurations(theirs)
            .build();
    assertEquals(
        "S3 refuses overlapping notifications: fnctl's 'fnctl-a' (s3:ObjectCreated:*, prefix"
            + " 'in/', suffix '.jpg' to arn:aws:lambda:eu-west-1:1:function:fnctl-a) overlaps the"
            + " bucket's entry 'audit' (s3:ObjectCreated:Put to arn:aws:sqs:eu-west-1:2:audit) for"
            + " the same event; give the trigger a prefix or suffix that does not overlap it, or"
            + " have that entry's owner narrow or remove it",
        S3Buckets.overlapping(c, Set.of("fnctl-a")));
    assertNull(S3Buckets.overlapping(c, Set.of("something-else")), "only what fnctl changes");
  }

  @Test
  void filtersThatDoNotOverlapBlockNothing() {
    NotificationConfiguration c =
        NotificationConfiguration.builder()
            .lambdaFunctionConfigurations(
                lambda("fnctl-a", "in/", ".jpg"),
                lambda("theirs-png", "in/", ".png"),
                lambda("theirs-docs", "docs/", null))
            .build();
    assertNull(S3Buckets.overlapping(c, Set.of("fnctl-a")));
  }
}
