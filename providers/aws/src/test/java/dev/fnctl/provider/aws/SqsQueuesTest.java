package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** What SQS answers while a change propagates, as fnctl reads it. */
class SqsQueuesTest {

  @Test
  void attributesShowOnlyWhenEveryValueSetIsThere() {
    Map<String, String> set =
        Map.of(
            "VisibilityTimeout",
            "60",
            "RedrivePolicy",
            "{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-1:1:q-dlq\",\"maxReceiveCount\":3}");
    assertFalse(SqsQueues.shows(Map.of("VisibilityTimeout", "30"), set), "old value, no redrive");
    assertFalse(
        SqsQueues.shows(
            Map.of(
                "VisibilityTimeout",
                "60",
                "RedrivePolicy",
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-1:1:q-dlq\",\"maxReceiveCount\":5}"),
            set));
    // SQS writes the policy back with its own key order and number form.
    assertTrue(
        SqsQueues.shows(
            Map.of(
                "VisibilityTimeout",
                "60",
                "RedrivePolicy",
                "{\"maxReceiveCount\":\"3\",\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-1:1:q-dlq\"}"),
            set));
    assertTrue(
        SqsQueues.shows(Map.of("VisibilityTimeout", "60"), Map.of("RedrivePolicy", "")),
        "a removed redrive policy shows as none");
    assertFalse(
        SqsQueues.shows(
            Map.of("RedrivePolicy", "{\"maxReceiveCount\":3}"), Map.of("RedrivePolicy", "")));
  }

  @Test
  void aNameDeletedRecentlyIsKnownByItsClassOrItsQueryCode() {
    assertTrue(
        SqsQueues.deletedRecently(QueueDeletedRecentlyException.builder().message("wait").build()));
    assertTrue(
        SqsQueues.deletedRecently(
            (SqsException)
                SqsException.builder()
                    .awsErrorDetails(
                        AwsErrorDetails.builder()
                            .errorCode("AWS.SimpleQueueService.QueueDeletedRecently")
                            .build())
                    .build()));
    assertFalse(
        SqsQueues.deletedRecently(
            (SqsException)
                SqsException.builder()
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("QueueNameExists").build())
                    .build()));
  }
}
