package dev.fnctl.provider;

/**
 * Where a resource sits in a provider's world: its type and its name, printed as {@code type/name}
 * (e.g. {@code aws:lambda:function/orders-prod-resize}). This printed form is what {@link
 * Resource#address()} and {@link LiveResource#address()} hold; providers build and take addresses
 * apart through this type, never with substrings.
 *
 * <p>The type has no {@code /}, {@code #} or white space; the name is not empty and may itself have
 * parts separated by {@code /} ({@code orders-uploads/fnctl-orders-prod-resize-storage-1a2b3c4d}
 * names a notification inside its bucket): {@link #first()} and {@link #rest()} split it. A second
 * live copy of one resource (two API Gateway APIs of the same name) is told apart by a {@code
 * #copy} suffix holding the copy's cloud id, so a plan can delete the extra one by its exact
 * identity: {@code aws:apigatewayv2:api/orders-prod#a1b2c3}.
 *
 * @param type the provider's resource type: {@code aws:lambda:function}
 * @param name the name within the type; may contain {@code /}, never {@code #}
 * @param copy the id of a second copy of the same resource, or null
 */
public record Address(String type, String name, String copy) {

  public Address {
    String problem = problem(type, name, copy);
    if (problem != null)
      throw new IllegalArgumentException(
          "malformed address " + print(type, name, copy) + ": " + problem);
  }

  /** The address of a resource that is not a copy. */
  public static Address of(String type, String name) {
    return new Address(type, name, null);
  }

  /**
   * Reads the printed form {@code type/name} or {@code type/name#copy}.
   *
   * @throws IllegalArgumentException naming the input when it is not an address
   */
  public static Address parse(String printed) {
    if (printed == null) throw new IllegalArgumentException("malformed address null");
    int slash = printed.indexOf('/');
    if (slash < 0)
      throw new IllegalArgumentException("malformed address " + printed + ": expected type/name");
    String type = printed.substring(0, slash);
    String rest = printed.substring(slash + 1);
    int hash = rest.indexOf('#');
    return hash < 0
        ? new Address(type, rest, null)
        : new Address(type, rest.substring(0, hash), rest.substring(hash + 1));
  }

  /** The type of a printed address, for callers that need nothing else. */
  public static String typeOf(String printed) {
    return parse(printed).type();
  }

  /** This address marked as the copy with cloud id {@code id}. */
  public Address copy(String id) {
    return new Address(type, name, id);
  }

  /** The name's first part: {@code bucket} of {@code bucket/id}; the whole name if it has one. */
  public String first() {
    int slash = name.indexOf('/');
    return slash < 0 ? name : name.substring(0, slash);
  }

  /** The name after its first part: {@code id} of {@code bucket/id}; empty if it has one part. */
  public String rest() {
    int slash = name.indexOf('/');
    return slash < 0 ? "" : name.substring(slash + 1);
  }

  /** The one printed form: {@code type/name} or {@code type/name#copy}. */
  @Override
  public String toString() {
    return print(type, name, copy);
  }

  private static String print(String type, String name, String copy) {
    return type + "/" + name + (copy == null ? "" : "#" + copy);
  }

  private static String problem(String type, String name, String copy) {
    if (type == null || type.isEmpty()) return "the type is empty";
    for (char c : type.toCharArray())
      if (c == '/' || c == '#' || Character.isWhitespace(c))
        return "the type may not contain '" + c + "'";
    if (name == null || name.isEmpty()) return "the name is empty";
    if (name.indexOf('#') >= 0) return "the name may not contain '#'";
    if (copy != null && (copy.isEmpty() || copy.indexOf('#') >= 0))
      return "the copy after '#' must be a non-empty id without '#'";
    return null;
  }
}
