package dev.fnctl.model.spec;

/** An object storage bucket; {@code existing} as for {@link QueueSpec}. */
public record BucketSpec(String name, String existing) {
  public boolean owned() {
    return existing == null;
  }
}
