package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StackNamesTest {
  private final StackNames names = new StackNames("orders", "prod", "eu-west-1", "123456789012");

  @Test
  void shortNamesAreStackTargetName() {
    assertEquals("orders-prod-resize", names.function("resize"));
    assertEquals("orders-prod-jobs", names.queue("jobs"));
    assertEquals("orders-prod-jobs-dlq", names.deadLetterQueue("jobs"));
    assertEquals("orders-prod-events", names.topic("events"));
    assertEquals("orders-prod-uploads", names.bucket("uploads"));
  }

  @Test
  void longNamesAreCutWithAStableHashWithinEachLimit() {
    StackNames wide =
        new StackNames("a-rather-long-stack-x", "staging-eu1", "eu-west-1", "123456789012");
    String item = "a-function-name-of-thirty-char";
    String bucket = wide.bucket(item);
    assertEquals(64, (wide.prefix() + item).length());
    assertTrue(bucket.length() <= StackNames.BUCKET_MAX, bucket);
    assertTrue(bucket.startsWith(wide.prefix()), bucket);
    assertTrue(bucket.matches("[a-z0-9][a-z0-9.-]*[a-z0-9]"), bucket);
    assertEquals(bucket, wide.bucket(item), "deterministic");
    assertNotEquals(bucket, wide.bucket(item.substring(0, 29) + "s"), "distinct names stay apart");
    // Within the limit nothing changes.
    assertEquals(wide.prefix() + item, wide.function(item));

    String longer = "x".repeat(100);
    assertTrue(wide.function(longer).length() <= StackNames.FUNCTION_MAX);
    assertTrue(wide.deadLetterQueue(longer).length() <= StackNames.QUEUE_MAX);
    assertTrue(wide.deadLetterQueue(longer).startsWith(wide.queue(longer)));
    assertTrue(wide.topic("y".repeat(300)).length() <= StackNames.TOPIC_MAX);
  }

  @Test
  void fitKeepsThePrefixAndEndsInTheHash() {
    String fitted = StackNames.fit("s-t-", "abcdefghij-klmnop", 16);
    assertEquals(16, fitted.length());
    assertTrue(fitted.matches("s-t-abc-[0-9a-f]{8}"), fitted);
  }

  @Test
  void statementIdsFitLambdasPatternAndLength() {
    assertEquals(
        "fnctl-s3-orders-prod-uploads", StackNames.statementId("fnctl-s3-", "orders-prod-uploads"));
    String dotted = StackNames.statementId("fnctl-s3-", "acme.legacy.uploads");
    assertTrue(dotted.matches("[a-zA-Z0-9_-]{1,100}"), dotted);
    assertTrue(dotted.startsWith("fnctl-s3-acme-legacy-uploads-"), dotted);
    // Dots and dashes are different buckets: their ids differ.
    assertNotEquals(dotted, StackNames.statementId("fnctl-s3-", "acme-legacy-uploads"));
    String longTopic = StackNames.statementId("fnctl-sns-", "t".repeat(256));
    assertTrue(longTopic.matches("[a-zA-Z0-9_-]{1,100}"), longTopic);
    assertEquals(longTopic, StackNames.statementId("fnctl-sns-", "t".repeat(256)), "deterministic");
  }
}
