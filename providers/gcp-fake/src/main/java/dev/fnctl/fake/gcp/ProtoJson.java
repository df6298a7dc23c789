package dev.fnctl.fake.gcp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests and responses as protobuf's JSON mapping: a request is the body (bound per the rule's
 * {@code body}), the path's fields and the query parameters, parsed strictly with {@code
 * JsonFormat.parser()} into the method's request type (an unknown name is a 400, as Google
 * answers); a response is printed with {@code JsonFormat.printer()}.
 */
final class ProtoJson {
  /** Standard query parameters every Google API accepts and no request message declares. */
  private static final Set<String> SYSTEM_PARAMETERS =
      Set.of(
          "$alt",
          "alt",
          "prettyPrint",
          "$prettyPrint",
          "key",
          "fields",
          "$fields",
          "quotaUser",
          "$.xgafv",
          "access_token",
          "callback",
          "upload_protocol",
          "uploadType",
          "oauth_token",
          "userIp",
          "trace",
          "$callback");

  private static final Pattern UNKNOWN_FIELD =
      Pattern.compile("Cannot find field: (\\S+) in message (\\S+)");

  private final TypeRegistry registry;

  ProtoJson(List<FileDescriptor> files) {
    TypeRegistry.Builder builder = TypeRegistry.newBuilder();
    Set<String> seen = new HashSet<>();
    for (FileDescriptor file : files) {
      addFile(file, builder, seen);
    }
    this.registry = builder.build();
  }

  private static void addFile(FileDescriptor file, TypeRegistry.Builder builder, Set<String> seen) {
    if (!seen.add(file.getFullName())) {
      return;
    }
    for (Descriptor type : file.getMessageTypes()) {
      builder.add(type);
    }
    for (FileDescriptor dependency : file.getDependencies()) {
      addFile(dependency, builder, seen);
    }
  }

  /** Builds the request of a matched route. */
  Message request(
      Route route, Map<String, String> pathFields, Map<String, List<String>> query, byte[] body) {
    Descriptor type = route.method().getInputType();
    JsonObject json = new JsonObject();
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (!route.body().isEmpty() && !text.isEmpty()) {
      JsonElement parsed = parseJson(text);
      if ("*".equals(route.body())) {
        if (!parsed.isJsonObject()) {
          throw GoogleError.invalidArgument(
              "Invalid JSON payload received. Expected an object for " + type.getFullName() + ".");
        }
        json = parsed.getAsJsonObject();
      } else {
        setPath(json, type, route.body(), parsed, false);
      }
    }
    for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
      if (SYSTEM_PARAMETERS.contains(parameter.getKey())) {
        continue;
      }
      JsonArray values = new JsonArray();
      parameter.getValue().forEach(values::add);
      setPath(json, type, parameter.getKey(), values, true);
    }
    for (Map.Entry<String, String> field : pathFields.entrySet()) {
      setPath(json, type, field.getKey(), new JsonPrimitive(field.getValue()), false);
    }
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    parseInto(json.toString(), builder);
    return builder.build();
  }

  /** Parses JSON strictly into a builder of any message type. */
  void parseInto(String json, Message.Builder builder) {
    try {
      JsonFormat.parser().usingTypeRegistry(registry).merge(json, builder);
    } catch (InvalidProtocolBufferException | JsonParseException e) {
      throw invalidPayload(e.getMessage());
    }
  }

  static JsonElement parseJson(String text) {
    try {
      return JsonParser.parseString(text);
    } catch (JsonParseException e) {
      throw GoogleError.invalidArgument("Invalid JSON payload received. " + e.getMessage());
    }
  }

  private static GoogleError invalidPayload(String reason) {
    Matcher unknown = UNKNOWN_FIELD.matcher(reason == null ? "" : reason);
    boolean isUnknown = unknown.find();
    String message =
        isUnknown
            ? "Invalid JSON payload received. Unknown name \""
                + unknown.group(1)
                + "\" at '"
                + unknown.group(2)
                + "': Cannot find field."
            : "Invalid JSON payload received. " + reason;
    JsonObject violation = new JsonObject();
    violation.addProperty("field", isUnknown ? unknown.group(1) : "");
    violation.addProperty("description", message);
    JsonArray violations = new JsonArray();
    violations.add(violation);
    JsonObject badRequest = new JsonObject();
    badRequest.addProperty("@type", "type.googleapis.com/google.rpc.BadRequest");
    badRequest.add("fieldViolations", violations);
    JsonArray details = new JsonArray();
    details.add(badRequest);
    return new GoogleError(400, "INVALID_ARGUMENT", message, details);
  }

  /**
   * Sets a dotted field path (proto or JSON names) in the request JSON; an unknown name is the 400
   * Google answers for a query parameter it cannot bind.
   */
  private static void setPath(
      JsonObject json, Descriptor type, String path, JsonElement value, boolean fromQuery) {
    String[] parts = path.split("\\.");
    JsonObject target = json;
    Descriptor current = type;
    for (int i = 0; i < parts.length; i++) {
      FieldDescriptor field = field(current, parts[i]);
      if (field == null) {
        String message =
            fromQuery
                ? "Invalid JSON payload received. Unknown name \""
                    + path
                    + "\": Cannot bind query parameter. Field '"
                    + parts[i]
                    + "' could not be found in request message."
                : "Invalid JSON payload received. Unknown name \"" + path + "\".";
        throw new GoogleError(400, "INVALID_ARGUMENT", message);
      }
      String name = field.getJsonName();
      if (i == parts.length - 1) {
        if (value instanceof JsonArray values && !field.isRepeated()) {
          value = values.isEmpty() ? new JsonPrimitive("") : values.get(values.size() - 1);
        }
        target.add(name, value);
        return;
      }
      if (field.getType() != FieldDescriptor.Type.MESSAGE || field.isRepeated()) {
        throw GoogleError.invalidArgument(
            "Invalid JSON payload received. Unknown name \"" + path + "\".");
      }
      JsonElement next = target.get(name);
      if (next == null || !next.isJsonObject()) {
        next = new JsonObject();
        target.add(name, next);
      }
      target = next.getAsJsonObject();
      current = field.getMessageType();
    }
  }

  private static FieldDescriptor field(Descriptor type, String name) {
    FieldDescriptor field = type.findFieldByName(name);
    if (field != null) {
      return field;
    }
    for (FieldDescriptor candidate : type.getFields()) {
      if (candidate.getJsonName().equals(name)) {
        return candidate;
      }
    }
    return null;
  }

  /** Prints a message as Google's JSON; enums as numbers when the client asked for them. */
  String print(MessageOrBuilder message, boolean enumsAsInts) {
    try {
      JsonFormat.Printer printer = JsonFormat.printer().usingTypeRegistry(registry);
      return (enumsAsInts ? printer.printingEnumsAsInts() : printer).print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + message.getDescriptorForType(), e);
    }
  }

  TypeRegistry registry() {
    return registry;
  }
}
