package dev.fnctl.provider;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When one apply step must end, and whether the user asked it to stop: what a provider's waits (a
 * long-running operation, a function still updating) check between polls.
 *
 * <p>Why cooperative: a call already sent cannot be taken back, so the engine lets it finish; only
 * a wait is cut short. The cloud goes on with what it was doing, and because a read reports such a
 * resource as {@link LiveResource#pending()}, the next apply waits for it instead of diffing
 * against a half-made resource. At the timeout the engine also interrupts the step's thread, for
 * SDK waiters that only stop that way.
 */
public final class Deadline {
  /** No deadline and never cancelled: for steps run outside the engine (tests, tools). */
  public static final Deadline NONE = new Deadline(Long.MAX_VALUE);

  private static final long SLICE_MILLIS = 200;

  private final long endNanos;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  private Deadline(long endNanos) {
    this.endNanos = endNanos;
  }

  /** A deadline {@code timeout} from now. */
  public static Deadline in(Duration timeout) {
    long now = System.nanoTime();
    long nanos = timeout.toNanos();
    return new Deadline(Long.MAX_VALUE - now < nanos ? Long.MAX_VALUE : now + nanos);
  }

  /** Asks the step to stop at its next check (the user pressed Ctrl-C). */
  public void cancel() {
    cancelled.set(true);
  }

  public boolean cancelled() {
    return cancelled.get();
  }

  public boolean expired() {
    return endNanos != Long.MAX_VALUE && System.nanoTime() - endNanos >= 0;
  }

  /** Time left, zero once expired; a very long time when there is no deadline. */
  public Duration remaining() {
    if (endNanos == Long.MAX_VALUE) return Duration.ofDays(365);
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  /**
   * Throws a {@link ProviderException.Kind#CANCELLED} or {@link ProviderException.Kind#TIMEOUT}
   * naming {@code what} was being waited for, when the step must stop.
   */
  public void check(String what) throws ProviderException {
    // The engine interrupts a step's thread only at its timeout; outside a step (NONE) an
    // interrupt can only mean the user stopping fnctl.
    boolean interrupted = Thread.currentThread().isInterrupted();
    if (cancelled() || (interrupted && endNanos == Long.MAX_VALUE)) {
      throw new ProviderException(
          ProviderException.Kind.CANCELLED,
          what
              + ": stopped waiting (interrupted); the cloud goes on with it and the next apply"
              + " waits for it");
    }
    if (expired() || interrupted) {
      throw new ProviderException(
          ProviderException.Kind.TIMEOUT,
          what
              + ": the step's time ran out; the cloud may still finish it (raise --step-timeout,"
              + " or run apply again later)");
    }
  }

  /** Sleeps up to {@code pause}, waking early to stop; then {@link #check}s. */
  public void pause(Duration pause, String what) throws ProviderException {
    long until = System.nanoTime() + pause.toNanos();
    while (true) {
      check(what);
      long left = until - System.nanoTime();
      if (left <= 0) return;
      try {
        Thread.sleep(Math.min(SLICE_MILLIS, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        check(what);
        return;
      }
    }
  }
}
