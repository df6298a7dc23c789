package dev.fnctl.engine;

import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.StackLock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Holds a stack lock for one apply or destroy. Taking it retries with a growing pause until the
 * timeout, then names the holder; releasing never hides the outcome of the run it guarded. An
 * interrupt stops the waiting between attempts, never a call on the lock itself.
 */
final class LockGuard {
  private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

  private final StackLock lock;
  private final StackLock.Holder me;
  private final ApplyListener listener;
  private final boolean waited;

  private LockGuard(StackLock lock, StackLock.Holder me, ApplyListener listener, boolean waited) {
    this.lock = lock;
    this.me = me;
    this.listener = listener;
    this.waited = waited;
  }

  /** True when another run held the lock first: the cloud may have changed meanwhile. */
  boolean waited() {
    return waited;
  }

  static LockGuard acquire(
      StackLock lock, String operation, Duration timeout, ApplyListener listener)
      throws ProviderException, InterruptedException {
    StackLock.Holder me =
        new StackLock.Holder(
            UUID.randomUUID().toString(),
            who(),
            operation,
            Instant.now().truncatedTo(ChronoUnit.SECONDS));
    long deadline = System.nanoTime() + (timeout == null ? 0 : timeout.toNanos());
    Duration pause = FIRST_PAUSE;
    boolean told = false;
    while (true) {
      Optional<StackLock.Holder> other;
      try {
        other = uninterrupted(() -> lock.tryAcquire(me));
      } catch (ProviderException | RuntimeException e) {
        // The take may have reached the cloud with its reply lost: leave no lock of ours behind,
        // or every later run would wait for a run that is gone. Release checks the id.
        releaseQuietly(lock, me);
        throw e;
      }
      // Our own id: the lock was taken by an attempt whose reply was lost, and a retry found it.
      if (other.isEmpty() || other.get().id().equals(me.id()))
        return new LockGuard(lock, me, listener, told);
      long left = deadline - System.nanoTime();
      if (left <= 0) throw new LockHeldException(other.get());
      if (!told) {
        StackLock.Holder h = other.get();
        listener.note(
            "waiting up to "
                + seconds(left)
                + " for the stack lock held by "
                + h.who()
                + " ("
                + h.operation()
                + " since "
                + h.since()
                + ", lock id "
                + h.id()
                + ")");
        told = true;
      }
      Thread.sleep(Math.max(1, Math.min(pause.toMillis(), left / 1_000_000)));
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
              ? LONGEST_PAUSE
              : pause.multipliedBy(2);
    }
  }

  private static void releaseQuietly(StackLock lock, StackLock.Holder me) {
    try {
      uninterrupted(
          () -> {
            lock.release(me);
            return null;
          });
    } catch (ProviderException | RuntimeException ignored) {
      // The cloud cannot be reached now; the error that brought us here is what the user sees.
    }
  }

  private static String seconds(long nanos) {
    return Math.max(1, Math.round(nanos / 1e9)) + "s";
  }

  StackLock.Holder holder() {
    return me;
  }

  /**
   * Releases the lock, interrupted or not; a failure is noted, never thrown, so it cannot hide the
   * run's outcome.
   */
  void release() {
    try {
      uninterrupted(
          () -> {
            lock.release(me);
            return null;
          });
    } catch (ProviderException | RuntimeException e) {
      listener.note(
          "could not release the stack lock ("
              + e.getMessage()
              + "); run 'fnctl unlock' before the next apply");
    }
  }

  private interface LockCall<T> {
    T run() throws ProviderException;
  }

  /**
   * Runs one call on the lock where an interrupt (Ctrl-C) cannot cut it short. Cloud clients refuse
   * to work on an interrupted thread (the AWS SDK aborts even after the answer came, file channels
   * close): a lock taken but reported as failed would be left behind, and an interrupted run would
   * never release its lock. So the call runs on a thread of its own and is waited for; an interrupt
   * meanwhile is kept for the caller, who sees it right after.
   */
  private static <T> T uninterrupted(LockCall<T> call) throws ProviderException {
    FutureTask<T> task = new FutureTask<>(call::run);
    Thread t = new Thread(task, "fnctl-lock");
    t.setDaemon(true);
    t.start();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof ProviderException p) throw p;
          if (cause instanceof RuntimeException r) throw r;
          if (cause instanceof Error err) throw err;
          throw new IllegalStateException(cause);
        }
      }
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
