package dev.fnctl.provider;

/**
 * The neutral spec item a provider resource belongs to ({@link Resource#item()}), spelled the same
 * by every provider so that plan output groups alike across clouds.
 */
public final class Item {
  private Item() {}

  public static String function(String name) {
    return "function " + name;
  }

  public static String queue(String name) {
    return "queue " + name;
  }

  public static String topic(String name) {
    return "topic " + name;
  }

  public static String bucket(String name) {
    return "bucket " + name;
  }

  public static String budget(String name) {
    return "budget " + name;
  }

  /** Resources shared by the whole stack (an HTTP API, a schedule group). */
  public static String stack(String stack) {
    return "stack " + stack;
  }
}
