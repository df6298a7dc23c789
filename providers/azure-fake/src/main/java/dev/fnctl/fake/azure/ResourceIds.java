package dev.fnctl.fake.azure;

import java.util.Locale;
import java.util.regex.Pattern;

/** Reading the parts of an ARM resource id. */
final class ResourceIds {
  private static final Pattern SUBSCRIPTION =
      Pattern.compile("^/subscriptions/([^/]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern GROUP =
      Pattern.compile("^/subscriptions/[^/]+/resourceGroups/([^/]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern TOP_LEVEL =
      Pattern.compile(
          "^/subscriptions/[^/]+/resourcegroups/[^/]+/providers/[^/]+/[^/]+/[^/]+$",
          Pattern.CASE_INSENSITIVE);

  private ResourceIds() {}

  static String subscription(String id) {
    var m = SUBSCRIPTION.matcher(id);
    return m.find() ? m.group(1) : "";
  }

  static String resourceGroup(String id) {
    var m = GROUP.matcher(id);
    return m.find() ? m.group(1) : null;
  }

  static String groupId(String subscription, String group) {
    return "/subscriptions/" + subscription + "/resourceGroups/" + group;
  }

  static String name(String id) {
    return id.substring(id.lastIndexOf('/') + 1);
  }

  /** A resource directly in a group ({@code .../providers/NS/type/name}), not a child. */
  static boolean isTopLevel(String id) {
    return TOP_LEVEL.matcher(id).matches();
  }

  /** {@code Microsoft.Web/sites} from {@code .../providers/Microsoft.Web/sites/x}. */
  static String type(String id) {
    var parts = id.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (parts[i].equalsIgnoreCase("providers") && i + 2 < parts.length) {
        var type = new StringBuilder(parts[i + 1]);
        for (int j = i + 2; j < parts.length; j += 2) {
          type.append('/').append(parts[j]);
        }
        return type.toString();
      }
    }
    return "Microsoft.Resources/resourceGroups";
  }

  static boolean sameId(String a, String b) {
    return a != null && b != null && ResourceStore.key(a).equals(ResourceStore.key(b));
  }

  static boolean isUnder(String id, String scope) {
    var k = ResourceStore.key(id);
    var s = ResourceStore.key(scope);
    return k.equals(s) || k.startsWith(s + "/");
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
