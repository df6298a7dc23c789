package dev.fnctl.model.spec;

/** A publish/subscribe topic; {@code existing} as for {@link QueueSpec}. */
public record TopicSpec(String name, String existing) {
  public boolean owned() {
    return existing == null;
  }
}
