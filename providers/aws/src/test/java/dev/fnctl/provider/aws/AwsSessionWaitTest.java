package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * {@link AwsSession#callWaiting}: the one place fnctl waits out an AWS refusal itself, on the SDK's
 * Waiter: what it retries, what it reports, and that the step's deadline and Ctrl-C end it.
 */
class AwsSessionWaitTest {
  final List<String> notes = new ArrayList<>();
  final AwsSession session = session();

  AwsSession session() {
    try {
      AwsClients clients =
          new AwsClients(
              Map.of("region", "eu-west-1", "account", "123456789012"),
              Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret"));
      return new AwsSession(
          clients,
          new StackNames("shop", "prod", "eu-west-1", "123456789012"),
          notes::add,
          1,
          3000);
    } catch (ProviderException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void close() {
    session.close();
  }

  static AwsServiceException refusal(String code) {
    return AwsServiceException.builder()
        .statusCode(400)
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode(code).errorMessage(code + " message").build())
        .build();
  }

  static boolean busy(AwsServiceException e) {
    return "ResourceInUseException".equals(e.awsErrorDetails().errorCode());
  }

  @Test
  void aTransientRefusalIsRetriedAndNotedUntilTheCallSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String value =
        session.callRetrying(
            "UpdateEventSourceMapping",
            "m",
            AwsSessionWaitTest::busy,
            () -> {
              if (calls.incrementAndGet() < 3) throw refusal("ResourceInUseException");
              return "ok";
            });
    assertEquals("ok", value);
    assertEquals(3, calls.get());
    assertEquals(2, notes.size(), notes.toString());
    assertEquals(
        "UpdateEventSourceMapping m: ResourceInUseException: ResourceInUseException message,"
            + " waiting",
        notes.get(0));
  }

  @Test
  void anyOtherRefusalFailsAtOnceNamingTheCall() {
    AtomicInteger calls = new AtomicInteger();
    ProviderException e =
        assertThrows(
            ProviderException.class,
            () ->
                session.callRetrying(
                    "UpdateEventSourceMapping",
                    "m",
                    AwsSessionWaitTest::busy,
                    () -> {
                      calls.incrementAndGet();
                      throw refusal("InvalidParameterValueException");
                    }));
    assertEquals(1, calls.get());
    assertEquals(
        "UpdateEventSourceMapping m: InvalidParameterValueException:"
            + " InvalidParameterValueException message",
        e.getMessage());
  }

  @Test
  void aRefusalThatOutlastsTheWindowReportsTheLastOneWithHowLong() {
    ProviderException e =
        assertThrows(
            ProviderException.class,
            () ->
                session.callRetrying(
                    "DeleteEventSourceMapping",
                    "m",
                    AwsSessionWaitTest::busy,
                    () -> {
                      throw refusal("ResourceInUseException");
                    }));
    assertEquals(
        "DeleteEventSourceMapping m: ResourceInUseException: ResourceInUseException message"
            + " (still so after 3 s)",
        e.getMessage());
    assertEquals(ProviderException.Kind.CONFLICT, e.kind());
  }

  @Test
  void theStepsDeadlineAndCtrlCEndTheWait() {
    Deadline cancelled = Deadline.in(Duration.ofMinutes(5));
    cancelled.cancel();
    AtomicInteger calls = new AtomicInteger();
    ProviderException e =
        assertThrows(
            ProviderException.class,
            () ->
                session.during(
                    cancelled,
                    () ->
                        session.callWaiting(
                            "CreateQueue",
                            "q",
                            AwsSessionWaitTest::busy,
                            Duration.ofMinutes(2),
                            null,
                            () -> {
                              calls.incrementAndGet();
                              throw refusal("ResourceInUseException");
                            })));
    assertEquals(ProviderException.Kind.CANCELLED, e.kind(), e.getMessage());
    assertEquals(1, calls.get(), "the first attempt is made, no more");

    Deadline shortStep = Deadline.in(Duration.ofMillis(800));
    ProviderException timedOut =
        assertThrows(
            ProviderException.class,
            () ->
                session.during(
                    shortStep,
                    () ->
                        session.callWaiting(
                            "CreateQueue",
                            "q",
                            AwsSessionWaitTest::busy,
                            Duration.ofMinutes(2),
                            null,
                            () -> {
                              throw refusal("ResourceInUseException");
                            })));
    assertEquals(ProviderException.Kind.TIMEOUT, timedOut.kind(), timedOut.getMessage());
    assertEquals(
        "CreateQueue q: ResourceInUseException: ResourceInUseException message when the step's"
            + " time ran out; the cloud may still finish it (raise --step-timeout, or run apply"
            + " again later)",
        timedOut.getMessage());
  }
}
