package dev.fnctl.fake.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OperationsTest {
  private final Operations operations = new Operations();

  @Test
  void anOperationIsNotDoneUntilPolledEnoughAndItsWorkRunsOnce() {
    operations.pollsBeforeDone = 2;
    AtomicReference<Integer> runs = new AtomicReference<>(0);
    var op =
        operations.start(
            "projects/p/locations/l",
            "x.Create",
            Empty.getDefaultInstance(),
            () -> {
              runs.set(runs.get() + 1);
              return StringValue.of("made");
            });
    assertFalse(op.getDone());
    assertFalse(operations.get(op.getName()).getDone());
    assertFalse(operations.get(op.getName()).getDone());
    assertTrue(operations.get(op.getName()).getDone());
    assertTrue(operations.get(op.getName()).getResponse().is(StringValue.class));
    var metadata = com.google.cloud.functions.v2.OperationMetadata.getDefaultInstance();
    var withEnd =
        operations.start("projects/p/locations/l", "x.Create", metadata, Empty::getDefaultInstance);
    operations.get(withEnd.getName());
    operations.get(withEnd.getName());
    try {
      assertTrue(
          operations
              .get(withEnd.getName())
              .getMetadata()
              .unpack(com.google.cloud.functions.v2.OperationMetadata.class)
              .hasEndTime(),
          "a finished operation has its end time");
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
    assertEquals(1, runs.get());
  }

  @Test
  void aDelayHoldsAnOperationBack() throws Exception {
    operations.pollsBeforeDone = 0;
    operations.delay = Duration.ofMillis(200);
    var op =
        operations.start(
            "projects/p/locations/l",
            "x.Create",
            Empty.getDefaultInstance(),
            Empty::getDefaultInstance);
    assertFalse(operations.get(op.getName()).getDone());
    Thread.sleep(250);
    assertTrue(operations.get(op.getName()).getDone());
  }

  @Test
  void anArmedFailureEndsTheNextMatchingOperationWithAnErrorAndRunsItsUndo() {
    operations.pollsBeforeDone = 0;
    operations.failNext("Create", "quota");
    AtomicReference<String> undone = new AtomicReference<>();
    Operations.Work work =
        new Operations.Work() {
          @Override
          public Message succeed() {
            return Empty.getDefaultInstance();
          }

          @Override
          public void fail(String message) {
            undone.set(message);
          }
        };
    var failed =
        operations.get(
            operations
                .start("projects/p/locations/l", "x.Delete", Empty.getDefaultInstance(), work)
                .getName());
    assertFalse(failed.hasError(), "a Delete does not match Create");
    var created =
        operations.get(
            operations
                .start("projects/p/locations/l", "x.Create", Empty.getDefaultInstance(), work)
                .getName());
    assertEquals("quota", created.getError().getMessage());
    assertEquals("quota", undone.get());
    var next =
        operations.get(
            operations
                .start("projects/p/locations/l", "x.Create", Empty.getDefaultInstance(), work)
                .getName());
    assertFalse(next.hasError(), "the failure was for one operation");
  }
}
