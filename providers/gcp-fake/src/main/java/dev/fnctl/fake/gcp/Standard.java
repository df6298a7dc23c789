package dev.fnctl.fake.gcp;

import com.google.api.FieldBehavior;
import com.google.api.FieldBehaviorProto;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.FieldMaskUtil;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The behaviour the API design guide (AIP) gives every standard method, shared by the APIs:
 * output-only fields ignored on input (field_behavior OUTPUT_ONLY), update masks applied and
 * checked against the resource's fields (AIP-134), page tokens (AIP-158) and the equality subset of
 * list filters (AIP-160) that label filters use.
 */
final class Standard {
  private static final Pattern TERM =
      Pattern.compile("\\s*([a-zA-Z0-9_.\\-]+)\\s*(=|!=|:)\\s*(\"[^\"]*\"|[^\\s\"]+)\\s*");

  private Standard() {}

  static Timestamp now() {
    Instant now = Instant.now();
    return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
  }

  /** Clears the fields the proto marks OUTPUT_ONLY, at every depth, as Google ignores them. */
  @SuppressWarnings("unchecked")
  static <T extends Message> T withoutOutputOnly(T message) {
    Message.Builder builder = message.toBuilder();
    clearOutputOnly(builder);
    return (T) builder.build();
  }

  private static void clearOutputOnly(Message.Builder builder) {
    for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
      if (behaviors(field).contains(FieldBehavior.OUTPUT_ONLY)) {
        builder.clearField(field);
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          && !field.isRepeated()
          && builder.hasField(field)) {
        Message.Builder nested = ((Message) builder.getField(field)).toBuilder();
        clearOutputOnly(nested);
        builder.setField(field, nested.build());
      }
    }
  }

  static List<FieldBehavior> behaviors(FieldDescriptor field) {
    return field.getOptions().getExtension(FieldBehaviorProto.fieldBehavior);
  }

  /** A 400 naming the first REQUIRED field a message lacks, as Google answers. */
  static void requireFields(Message message, String where) {
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      if (!behaviors(field).contains(FieldBehavior.REQUIRED)) {
        continue;
      }
      boolean set =
          field.isRepeated() ? message.getRepeatedFieldCount(field) > 0 : message.hasField(field);
      if (!set) {
        throw GoogleError.invalidArgument(
            "The request has errors: " + where + field.getName() + " is required.");
      }
    }
  }

  /**
   * Applies an update: with a mask, only its paths are taken from the patch (each replaced whole, a
   * path the resource does not have is a 400); without one, every field the caller may set.
   */
  @SuppressWarnings("unchecked")
  static <T extends Message> T update(T current, T patch, FieldMask mask) {
    Descriptor type = current.getDescriptorForType();
    T input = withoutOutputOnly(patch);
    if (mask.getPathsCount() == 0 || mask.getPathsList().equals(List.of("*"))) {
      Message.Builder merged = current.toBuilder();
      for (FieldDescriptor field : type.getFields()) {
        List<FieldBehavior> behaviors = behaviors(field);
        if (behaviors.contains(FieldBehavior.OUTPUT_ONLY)
            || behaviors.contains(FieldBehavior.IMMUTABLE)
            || field.getName().equals("name")) {
          continue;
        }
        merged.clearField(field);
        if (field.isRepeated() ? input.getRepeatedFieldCount(field) > 0 : input.hasField(field)) {
          merged.setField(field, input.getField(field));
        }
      }
      return (T) merged.build();
    }
    for (String path : mask.getPathsList()) {
      if (!FieldMaskUtil.isValid(type, path)) {
        throw GoogleError.invalidArgument(
            "Invalid field mask path \"" + path + "\" for " + type.getName() + ".");
      }
    }
    Message.Builder merged = current.toBuilder();
    FieldMaskUtil.merge(
        mask,
        input,
        merged,
        new FieldMaskUtil.MergeOptions()
            .setReplaceMessageFields(true)
            .setReplaceRepeatedFields(true)
            .setReplacePrimitiveFields(true));
    return (T) merged.build();
  }

  /** One page of a list: the items from the token's offset, and the next token if any. */
  record Page<T>(List<T> items, String nextPageToken) {}

  static <T> Page<T> page(List<T> all, int pageSize, String pageToken, int defaultSize) {
    int offset = 0;
    if (!pageToken.isEmpty()) {
      try {
        String decoded =
            new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
        offset = Integer.parseInt(decoded.substring("offset:".length()));
      } catch (RuntimeException e) {
        throw GoogleError.invalidArgument("The page token is not valid: " + pageToken);
      }
    }
    int size = pageSize <= 0 ? defaultSize : Math.min(pageSize, 1000);
    int end = Math.min(all.size(), offset + size);
    List<T> items = offset >= all.size() ? List.of() : all.subList(offset, end);
    String next =
        end < all.size()
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8))
            : "";
    return new Page<>(items, next);
  }

  /**
   * Whether a resource passes an AIP-160 filter of the conjunctive form label filters use: {@code
   * labels.k=v AND labels.x:* AND state=ACTIVE} (and {@code !=}). Anything richer (OR, NOT,
   * parentheses, comparisons) is refused with a 400 saying the fake does not support it, rather
   * than answered wrongly.
   */
  static boolean matches(Message resource, String filter) {
    if (filter == null || filter.isBlank()) {
      return true;
    }
    JsonObject json = ProtoJson.parseJson(print(resource)).getAsJsonObject();
    for (String term : filter.split("(?i)\\s+AND\\s+")) {
      Matcher m = TERM.matcher(term);
      if (!m.matches()) {
        throw GoogleError.invalidArgument(
            "Invalid filter: "
                + filter
                + " (the fake supports terms joined by AND: a=b, a!=b, a:*)");
      }
      String value = m.group(3).replaceAll("^\"|\"$", "");
      JsonElement actual = lookup(json, m.group(1));
      boolean holds =
          switch (m.group(2)) {
            case ":" ->
                value.equals("*")
                    ? actual != null
                    : actual != null && actual.getAsString().contains(value);
            case "=" ->
                actual != null && actual.isJsonPrimitive() && actual.getAsString().equals(value);
            default ->
                actual == null || !actual.isJsonPrimitive() || !actual.getAsString().equals(value);
          };
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  private static JsonElement lookup(JsonObject json, String path) {
    JsonElement current = json;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      if (current == null || !current.isJsonObject()) {
        return null;
      }
      JsonObject object = current.getAsJsonObject();
      String part = parts[i];
      // A map key (labels.env) is literal; a field name may be written snake_case.
      current = object.has(part) ? object.get(part) : object.get(camel(part));
    }
    return current;
  }

  private static String camel(String snake) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  static String print(Message message) {
    try {
      return JsonFormat.printer().print(message);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Pattern LABEL_KEY = Pattern.compile("\\p{Ll}[\\p{Ll}0-9_-]{0,62}");
  private static final Pattern LABEL_VALUE = Pattern.compile("[\\p{Ll}0-9_-]{0,63}");

  /**
   * Labels as every Google Cloud API checks them: lowercase keys and values, at most 64 of them.
   */
  static void checkLabels(java.util.Map<String, String> labels) {
    if (labels.size() > 64) {
      throw GoogleError.invalidArgument("A resource can have at most 64 labels.");
    }
    for (var label : labels.entrySet()) {
      if (!LABEL_KEY.matcher(label.getKey()).matches()) {
        throw GoogleError.invalidArgument(
            "Label key \""
                + label.getKey()
                + "\" violates format constraints: it must start with a lowercase"
                + " letter and contain only lowercase letters, digits, underscores and dashes (at most 63).");
      }
      if (!LABEL_VALUE.matcher(label.getValue()).matches()) {
        throw GoogleError.invalidArgument(
            "Label value \""
                + label.getValue()
                + "\" of key \""
                + label.getKey()
                + "\" violates format constraints:"
                + " it may contain only lowercase letters, digits, underscores and dashes (at most 63).");
      }
    }
  }

  /** The last segment of a resource name. */
  static String id(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  /** {@code projects/P/locations/L} of a name below it. */
  static String location(String name) {
    String[] parts = name.split("/");
    return String.join("/", parts[0], parts[1], parts[2], parts[3]);
  }
}
