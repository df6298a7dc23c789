package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * ARM's limits on tags, applied to every request that writes them: at most 50 tags; names of at
 * most 512 characters without {@code < > % & \ ? /} or control characters; values of at most 256
 * characters (Azure Resource Manager's "tag resources" documentation).
 */
final class Tags {
  private static final Pattern RESERVED = Pattern.compile("[<>%&\\\\?/\\p{Cntrl}]");

  private Tags() {}

  static void check(JsonNode tags) {
    if (tags == null || !tags.isObject()) {
      return;
    }
    if (tags.size() > 50) {
      throw ArmException.badRequest(
          "InvalidTagCount",
          "A resource can have at most 50 tags; the request has " + tags.size() + ".");
    }
    tags.fields()
        .forEachRemaining(
            e -> {
              var name = e.getKey();
              if (RESERVED.matcher(name).find()) {
                throw ArmException.badRequest(
                    "InvalidTagNameCharacters",
                    "The tag names '"
                        + name
                        + "' have reserved characters '<,>,%,&,\\,?,/' or control characters.");
              }
              if (name.length() > 512) {
                throw ArmException.badRequest(
                    "InvalidTagNameLength",
                    "The tag name '"
                        + name.substring(0, 32)
                        + "...' exceeds the maximum length of '512' characters.");
              }
              var value = e.getValue().asText("");
              if (value.length() > 256) {
                throw ArmException.badRequest(
                    "InvalidTagValueLength",
                    "The tag value '"
                        + value.substring(0, 32)
                        + "...' of tag '"
                        + name
                        + "' exceeds the maximum length of '256' characters.");
              }
            });
  }
}
