package dev.fnctl.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  @Test
  void aPauseStopsAtTheDeadlineAsATimeout() {
    Deadline d = Deadline.in(Duration.ofMillis(100));
    long start = System.nanoTime();
    ProviderException e =
        assertThrows(
            ProviderException.class, () -> d.pause(Duration.ofSeconds(30), "operation op-1"));
    assertEquals(ProviderException.Kind.TIMEOUT, e.kind());
    assertTrue(e.getMessage().startsWith("operation op-1: "), e.getMessage());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
  }

  @Test
  void aCancelledPauseStopsSoonAsCancelled() throws Exception {
    Deadline d = Deadline.in(Duration.ofMinutes(5));
    Thread canceller =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                return;
              }
              d.cancel();
            });
    canceller.start();
    ProviderException e =
        assertThrows(ProviderException.class, () -> d.pause(Duration.ofSeconds(30), "wait"));
    assertEquals(ProviderException.Kind.CANCELLED, e.kind());
    canceller.join();
  }

  @Test
  void noDeadlineNeverExpires() throws Exception {
    Deadline.NONE.pause(Duration.ofMillis(10), "wait");
    Deadline.NONE.check("wait");
    assertTrue(Deadline.NONE.remaining().toDays() > 300);
  }

  @Test
  void aWrappedProviderExceptionKeepsItsKind() {
    ProviderException inner = new ProviderException(ProviderException.Kind.QUOTA, "limit");
    assertEquals(ProviderException.Kind.QUOTA, new ProviderException("reworded", inner).kind());
    assertEquals(ProviderException.Kind.OTHER, new ProviderException("plain").kind());
  }
}
