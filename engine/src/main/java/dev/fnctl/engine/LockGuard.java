package dev.fnctl.engine;

import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.StackLock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Holds a stack lock for one apply or destroy. Taking it retries with a growing pause until the
 * timeout, then names the holder; releasing never hides the outcome of the run it guarded.
 */
final class LockGuard {
  private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

  private final StackLock lock;
  private final StackLock.Holder me;
  private final ApplyListener listener;

  private LockGuard(StackLock lock, StackLock.Holder me, ApplyListener listener) {
    this.lock = lock;
    this.me = me;
    this.listener = listener;
  }

  static LockGuard acquire(StackLock lock, String operation, Duration timeout, ApplyListener listener)
      throws ProviderException, InterruptedException {
    StackLock.Holder me =
        new StackLock.Holder(UUID.randomUUID().toString(), who(), operation, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    long deadline = System.nanoTime() + (timeout == null ? 0 : timeout.toNanos());
    Duration pause = FIRST_PAUSE;
    boolean told = false;
    while (true) {
      Optional<StackLock.Holder> other = lock.tryAcquire(me);
      if (other.isEmpty()) return new LockGuard(lock, me, listener);
      long left = deadline - System.nanoTime();
      if (left <= 0) throw new LockHeldException(other.get());
      if (!told) {
        listener.note("waiting for the stack lock held by " + other.get().who() + " (" + other.get().operation() + ")");
        told = true;
      }
      Thread.sleep(Math.max(1, Math.min(pause.toMillis(), left / 1_000_000)));
      pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
    }
  }

  StackLock.Holder holder() {
    return me;
  }

  /**
   * Releases the lock; a failure is noted, never thrown, so it cannot hide the run's outcome. An
   * interrupted run releases it too: cloud clients refuse to call out on an interrupted thread
   * (the AWS SDK aborts, file channels close), so the interrupt is set aside for the release and
   * then kept for the caller.
   */
  void release() {
    boolean interrupted = Thread.interrupted();
    try {
      lock.release(me);
    } catch (ProviderException | RuntimeException e) {
      listener.note("could not release the stack lock (" + e.getMessage() + "); run 'fnctl unlock' before the next apply");
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  /** user@host, for the message another run shows while it waits. */
  static String who() {
    String user = System.getProperty("user.name", "unknown");
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) host = System.getenv("COMPUTERNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        host = "unknown-host";
      }
    }
    return user + "@" + host;
  }
}
