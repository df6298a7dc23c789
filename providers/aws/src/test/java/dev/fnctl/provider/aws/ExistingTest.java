package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Permission;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.model.spec.TopicSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Resource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code existing:} means what was written: an ARN or queue URL of another account or region is
 * used as given, in the expansion's event source mappings, subscriptions, permission conditions and
 * grants, never cut to its name and rebuilt with the target's account and region.
 */
class ExistingTest {
  final StackNames names = new StackNames("shop", "prod", "eu-west-1", "111111111111");

  @Test
  void aQueueArnOrUrlKeepsItsAccountAndRegion() {
    Existing arn = Existing.queue("arn:aws:sqs:us-east-2:222222222222:orders", names);
    assertEquals("orders", arn.name());
    assertEquals("arn:aws:sqs:us-east-2:222222222222:orders", arn.arn());
    assertEquals("222222222222", arn.account());
    assertEquals("us-east-2", arn.region());
    assertEquals(
        "arn:aws:sqs:ap-south-1:222222222222:jobs",
        Existing.queue("https://sqs.ap-south-1.amazonaws.com/222222222222/jobs", names).arn());
    assertEquals(
        "arn:aws-cn:sqs:cn-north-1:333333333333:jobs",
        Existing.queue("https://sqs.cn-north-1.amazonaws.com.cn/333333333333/jobs", names).arn());
    assertEquals(
        "arn:aws:sqs:us-east-1:222222222222:old",
        Existing.queue("https://queue.amazonaws.com/222222222222/old", names).arn());
    assertEquals(
        "arn:aws:sqs:eu-central-1:222222222222:legacy",
        Existing.queue("https://eu-central-1.queue.amazonaws.com/222222222222/legacy", names)
            .arn());
    // A custom endpoint (moto, LocalStack) names the account; the region is the target's.
    assertEquals(
        "arn:aws:sqs:eu-west-1:000000000000:q",
        Existing.queue("http://localhost:4566/000000000000/q", names).arn());
    Existing bare = Existing.queue("orders", names);
    assertEquals("arn:aws:sqs:eu-west-1:111111111111:orders", bare.arn());
    assertNull(bare.account());
  }

  @Test
  void topicsAndBucketsTooAndOnlyTheTargetsOwnCanBeTheStacks() {
    Existing topic = Existing.topic("arn:aws:sns:us-west-2:222222222222:events", names);
    assertEquals("events", topic.name());
    assertEquals("222222222222", topic.accountOr("111111111111"));
    assertFalse(topic.inTarget("111111111111", "eu-west-1"));
    assertTrue(Existing.topic("events", names).inTarget("111111111111", "eu-west-1"));
    assertTrue(
        Existing.topic("arn:aws:sns:eu-west-1:111111111111:events", names)
            .inTarget("111111111111", "eu-west-1"));
    Existing bucket = Existing.bucket("arn:aws:s3:::their-bucket", names);
    assertEquals("their-bucket", bucket.name());
    assertEquals("arn:aws:s3:::their-bucket", bucket.arn());
    assertEquals("111111111111", bucket.accountOr("111111111111"));
  }

  @Test
  void theExpansionUsesTheArnsAsWritten() throws Exception {
    String queueArn = "arn:aws:sqs:us-east-2:222222222222:orders";
    String topicArn = "arn:aws:sns:us-west-2:333333333333:events";
    Map<String, FunctionSpec> fns = new LinkedHashMap<>();
    fns.put(
        "work",
        TestSpecs.function(
            "work",
            List.of(new Trigger.Queue("orders", 5), new Trigger.Topic("events")),
            List.of(new Permission(Permission.Kind.TOPIC, "events", Permission.Access.PUBLISH))));
    Spec spec =
        TestSpecs.build(
            "shop",
            Path.of("/nonexistent"),
            fns,
            Map.of("orders", new QueueSpec("orders", queueArn, null, null)),
            Map.of("events", new TopicSpec("events", topicArn)),
            Map.of(),
            Map.of(),
            Map.of("region", "eu-west-1", "account", "111111111111"));
    List<Resource> resources = StackLayout.offline(names).expand(TestSpecs.prod(spec));
    Resource mapping = only(resources, AwsTypes.EVENT_SOURCE);
    assertEquals(queueArn, mapping.properties().get(EventSourceType.SOURCE));
    Resource subscription = only(resources, AwsTypes.SUBSCRIPTION);
    assertEquals(topicArn, subscription.properties().get(SubscriptionType.TOPIC));
    Resource permission = only(resources, AwsTypes.PERMISSION);
    assertEquals(topicArn, permission.properties().get(PermissionType.SOURCE));
    assertEquals("333333333333", permission.properties().get(PermissionType.SOURCE_ACCOUNT));
    String policies = only(resources, AwsTypes.ROLE).properties().toString();
    assertTrue(policies.contains(topicArn), policies);
    assertFalse(policies.contains("arn:aws:sns:eu-west-1:111111111111:events"), policies);
  }

  private static Resource only(List<Resource> resources, String type) {
    List<Resource> of = resources.stream().filter(r -> r.type().equals(type)).toList();
    assertEquals(1, of.size(), type + " in " + resources);
    return of.get(0);
  }
}
