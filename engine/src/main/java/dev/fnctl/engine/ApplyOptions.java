package dev.fnctl.engine;

import java.time.Duration;

/**
 * @param parallelism how many changes may run at once (default 10)
 * @param lockTimeout how long to wait for another run's lock before giving up (default 0)
 * @param operation "apply" or "destroy", recorded in the lock
 * @param stepTimeout how long one change may take before it is stopped; null for the provider's
 *     default ({@link dev.fnctl.provider.Cloud#stepTimeout()})
 * @param progressEvery how often a change still running is reported (10 seconds)
 */
public record ApplyOptions(
    int parallelism,
    Duration lockTimeout,
    String operation,
    Duration stepTimeout,
    Duration progressEvery) {
  public static final int DEFAULT_PARALLELISM = 10;
  public static final Duration DEFAULT_PROGRESS = Duration.ofSeconds(10);

  public ApplyOptions {
    if (progressEvery == null || progressEvery.isZero() || progressEvery.isNegative())
      progressEvery = DEFAULT_PROGRESS;
  }

  /** Options with the provider's step timeout and progress every 10 seconds. */
  public ApplyOptions(int parallelism, Duration lockTimeout, String operation) {
    this(parallelism, lockTimeout, operation, null, DEFAULT_PROGRESS);
  }

  public static ApplyOptions defaults() {
    return new ApplyOptions(DEFAULT_PARALLELISM, Duration.ZERO, "apply");
  }
}
