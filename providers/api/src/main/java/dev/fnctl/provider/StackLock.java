package dev.fnctl.provider;

import java.time.Instant;
import java.util.Optional;

/**
 * The apply/destroy lock of one stack and target. Acquire must be atomic in the cloud (create only
 * if absent), so two CI jobs never apply at once.
 */
public interface StackLock {

  /**
   * Takes the lock, or returns who holds it. Never blocks: the engine retries until its timeout.
   */
  Optional<Holder> tryAcquire(Holder me) throws ProviderException;

  /** Releases the lock if {@code me} holds it. */
  void release(Holder me) throws ProviderException;

  /** Who holds it now, if anyone. */
  Optional<Holder> holder() throws ProviderException;

  /** Removes the lock whoever holds it ({@code fnctl unlock}). */
  void forceRelease() throws ProviderException;

  /** A lock holder: a random id, who (user@host), what (apply/destroy) and since when. */
  record Holder(String id, String who, String operation, Instant since) {}
}
