package dev.fnctl.model.spec;

/**
 * Access a function needs to one resource of the stack, in neutral words. Providers turn each into
 * the narrowest native grant (exact resource, only the actions the access needs).
 */
public record Permission(Kind kind, String name, Access access) {

  public enum Kind {
    BUCKET,
    QUEUE,
    TOPIC,
    FUNCTION,
    SECRET;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum Access {
    READ,
    WRITE,
    PUBLISH,
    CONSUME,
    INVOKE,
    ADMIN;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
