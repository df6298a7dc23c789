package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses request bodies with properties Microsoft's OpenAPI definitions do not have. The
 * definitions are excerpts of Azure/azure-rest-api-specs kept as resources ({@code
 * schemas/<provider>.json}: the {@code definitions} of the operations the fake serves, each file
 * naming its source paths and commit); this reads the subset of OpenAPI they use ({@code $ref},
 * {@code allOf}, {@code properties}, {@code items}, {@code additionalProperties}). A property
 * outside them is answered as ARM's strict deserialiser answers it: 400 InvalidRequestContent
 * "Could not find member ...".
 */
final class RequestSchemas {
  private final Map<String, JsonNode> files = new ConcurrentHashMap<>();

  /** Checks a request body against a definition of a provider's schema file. */
  void check(String provider, String definition, JsonNode body) {
    var file = file(provider);
    var defs = file.get("definitions");
    if (defs == null || !defs.has(definition)) {
      throw new IllegalStateException(
          "schemas/" + provider + ".json has no definition " + definition);
    }
    walk(defs, defs.get(definition), definition, body, "");
  }

  private JsonNode file(String provider) {
    return files.computeIfAbsent(
        provider,
        p -> {
          var in = RequestSchemas.class.getResourceAsStream("schemas/" + p + ".json");
          if (in == null) {
            throw new IllegalStateException("no schema resource schemas/" + p + ".json");
          }
          return Json.read(in);
        });
  }

  private void walk(JsonNode defs, JsonNode schema, String typeName, JsonNode value, String path) {
    if (value == null || value.isNull() || schema == null) {
      return;
    }
    if (schema.has("$ref")) {
      var name = refName(schema.get("$ref").asText());
      walk(defs, defs.get(name), name, value, path);
      return;
    }
    if (value.isArray()) {
      if (schema.has("items")) {
        for (int i = 0; i < value.size(); i++) {
          walk(defs, schema.get("items"), typeName, value.get(i), path + "[" + i + "]");
        }
      }
      return;
    }
    if (!value.isObject()) {
      return;
    }
    var properties = new java.util.LinkedHashMap<String, JsonNode>();
    collect(defs, schema, properties, new HashSet<>());
    var additional = additional(defs, schema, new HashSet<>());
    if (properties.isEmpty() && additional == null && !schema.has("properties")) {
      return; // a free-form object ({"type":"object"} with nothing more)
    }
    var it = value.fields();
    while (it.hasNext()) {
      var e = it.next();
      var child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      var property = properties.get(e.getKey());
      if (property != null) {
        walk(defs, property, e.getKey(), e.getValue(), child);
      } else if (additional != null) {
        walk(defs, additional, typeName, e.getValue(), child);
      } else {
        throw ArmException.badRequest(
            "InvalidRequestContent",
            "The request content was invalid and could not be deserialized: 'Could not find member '"
                + e.getKey()
                + "' on object of type '"
                + typeName
                + "'. Path '"
                + child
                + "'.'");
      }
    }
  }

  private static void collect(
      JsonNode defs, JsonNode schema, Map<String, JsonNode> out, Set<String> seen) {
    if (schema == null) {
      return;
    }
    if (schema.has("$ref")) {
      var name = refName(schema.get("$ref").asText());
      if (seen.add(name)) {
        collect(defs, defs.get(name), out, seen);
      }
      return;
    }
    if (schema.has("properties")) {
      schema.get("properties").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    }
    if (schema.has("allOf")) {
      schema.get("allOf").forEach(part -> collect(defs, part, out, seen));
    }
  }

  private static JsonNode additional(JsonNode defs, JsonNode schema, Set<String> seen) {
    if (schema == null) {
      return null;
    }
    if (schema.has("$ref")) {
      var name = refName(schema.get("$ref").asText());
      return seen.add(name) ? additional(defs, defs.get(name), seen) : null;
    }
    var a = schema.get("additionalProperties");
    if (a != null && a.isObject()) {
      return a;
    }
    if (a != null && a.isBoolean() && a.asBoolean()) {
      return Json.object();
    }
    if (schema.has("allOf")) {
      for (var part : schema.get("allOf")) {
        var found = additional(defs, part, seen);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String refName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
