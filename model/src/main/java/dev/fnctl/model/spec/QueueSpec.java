package dev.fnctl.model.spec;

import java.time.Duration;

/**
 * A queue. When {@code existing} is set the queue is not owned: fnctl wires triggers and
 * permissions to that queue and never changes or deletes it.
 *
 * @param deadLetter null when failed messages are not moved aside
 * @param visibilityTimeout null for the provider's default
 */
public record QueueSpec(
    String name, String existing, DeadLetter deadLetter, Duration visibilityTimeout) {

  /**
   * After {@code maxReceives} failed deliveries a message moves to the queue's dead-letter queue.
   */
  public record DeadLetter(int maxReceives) {}

  public boolean owned() {
    return existing == null;
  }
}
