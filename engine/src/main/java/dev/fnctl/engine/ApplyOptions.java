package dev.fnctl.engine;

import java.time.Duration;

/**
 * @param parallelism how many changes may run at once (default 10)
 * @param lockTimeout how long to wait for another run's lock before giving up (default 0)
 * @param operation "apply" or "destroy", recorded in the lock
 */
public record ApplyOptions(int parallelism, Duration lockTimeout, String operation) {
  public static final int DEFAULT_PARALLELISM = 10;

  public static ApplyOptions defaults() {
    return new ApplyOptions(DEFAULT_PARALLELISM, Duration.ZERO, "apply");
  }
}
