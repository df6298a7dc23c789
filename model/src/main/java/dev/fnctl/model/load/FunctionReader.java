package dev.fnctl.model.load;

import dev.fnctl.model.spec.FunctionSettings;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Permission;
import dev.fnctl.model.spec.Trigger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Reads one entry of {@code functions:}: its code, settings, secrets, triggers and permissions. */
final class FunctionReader {
  static final List<String> FIELDS =
      Stream.concat(
              Stream.of("code", "handler"),
              Stream.concat(
                  SettingsReader.FIELDS.stream(),
                  Stream.of("secrets", "triggers", "permissions", "allowCodeOutsideProject")))
          .toList();
  static final Map<Permission.Kind, List<Permission.Access>> ACCESS =
      Map.of(
          Permission.Kind.BUCKET,
              List.of(Permission.Access.READ, Permission.Access.WRITE, Permission.Access.ADMIN),
          Permission.Kind.QUEUE,
              List.of(
                  Permission.Access.PUBLISH, Permission.Access.CONSUME, Permission.Access.ADMIN),
          Permission.Kind.TOPIC, List.of(Permission.Access.PUBLISH, Permission.Access.ADMIN),
          Permission.Kind.FUNCTION, List.of(Permission.Access.INVOKE),
          Permission.Kind.SECRET, List.of(Permission.Access.READ));
  private static final List<String> PERMISSION_KINDS =
      List.of("bucket", "queue", "topic", "function", "secret");

  private final Declared declared;
  private final TriggerReader triggers;

  /** "METHOD path" to where it was first written, since one route can reach only one function. */
  private final Map<String, String> routes = new HashMap<>();

  FunctionReader(Declared declared) {
    this.declared = declared;
    this.triggers = new TriggerReader(declared);
  }

  FunctionSpec read(String name, SpecNode node) {
    Map<String, SpecNode> f =
        node.fields("a map of function settings (code, handler, ...)", FIELDS);
    if (!node.isMap() && !node.isEmptyValue()) return null;
    String code =
        required(
            node,
            f,
            "code",
            "add the function's directory or .zip/.jar, e.g. code: ./functions/" + name);
    String handler = required(node, f, "handler", "add the entry point, e.g. handler: main.handle");
    FunctionSettings settings = SettingsReader.read(f);
    Map<String, String> secrets = new LinkedHashMap<>();
    if (f.containsKey("secrets")) {
      f.get("secrets")
          .entries("a map of secret references (NAME: reference)")
          .forEach(
              (key, value) -> {
                SettingsReader.checkVariableName(key, value);
                if (settings.env().containsKey(key))
                  value.keyProblem(
                      key
                          + " is both in env and in secrets; keep one (the function gets the"
                          + " secret's reference as "
                          + FunctionSpec.secretIdVariable(key)
                          + ")");
                if (settings.env().containsKey(FunctionSpec.secretIdVariable(key)))
                  value.keyProblem(
                      "env "
                          + FunctionSpec.secretIdVariable(key)
                          + " would hide the secret's reference, which the function gets under"
                          + " that name; rename one");
                String reference = value.nonEmptyText("a secret reference");
                if (reference != null) secrets.put(key, reference);
              });
    }
    List<Trigger> triggerList = new ArrayList<>();
    if (f.containsKey("triggers")) {
      // Providers key a trigger by its identity, so a function can have each one only once.
      Map<String, Integer> identities = new HashMap<>();
      for (SpecNode item : f.get("triggers").items("a list of triggers")) {
        Trigger t = triggers.read(item);
        if (t == null) continue;
        if (t instanceof Trigger.Http http) {
          checkRoute(name, http, item); // also catches the same route twice in this function
        } else {
          Integer first = identities.putIfAbsent(t.identity(), item.position().line());
          if (first != null) {
            item.problem(
                "this function already has this trigger, at line "
                    + first
                    + "; "
                    + (t instanceof Trigger.Storage
                        ? "list all its events in one storage trigger"
                        : "keep one"));
            continue;
          }
        }
        triggerList.add(t);
      }
    }
    List<Permission> permissions = new ArrayList<>();
    if (f.containsKey("permissions")) {
      for (SpecNode item : f.get("permissions").items("a list of permissions")) {
        Permission p = permission(item);
        if (p != null) permissions.add(p);
      }
    }
    Boolean outside =
        f.containsKey("allowCodeOutsideProject") ? f.get("allowCodeOutsideProject").bool() : null;
    return new FunctionSpec(
        name,
        code,
        handler,
        settings,
        Collections.unmodifiableMap(secrets),
        List.copyOf(triggerList),
        List.copyOf(permissions),
        Boolean.TRUE.equals(outside));
  }

  private static String required(
      SpecNode node, Map<String, SpecNode> f, String field, String howTo) {
    if (!f.containsKey(field)) {
      node.missing(field, howTo);
      return null;
    }
    return f.get(field).nonEmptyText(field);
  }

  private void checkRoute(String function, Trigger.Http http, SpecNode item) {
    String where = "function '" + function + "' (line " + item.position().line() + ")";
    List<String> clashes =
        http.method().equals("ANY")
            ? TriggerReader.METHODS.stream().map(m -> m + " " + http.path()).toList()
            : List.of(http.method() + " " + http.path(), "ANY " + http.path());
    for (String key : clashes) {
      String first = routes.get(key);
      if (first != null) {
        item.problem(
            "route "
                + http.method()
                + " "
                + http.path()
                + " is already taken by "
                + first
                + "; one route reaches one function");
        return;
      }
    }
    routes.put(http.method() + " " + http.path(), where);
  }

  private Permission permission(SpecNode item) {
    if (item.isEmptyValue()) {
      item.problem("empty permission: write e.g. - { bucket: uploads, access: read }");
      return null;
    }
    List<String> allowed = new ArrayList<>(PERMISSION_KINDS);
    allowed.add("access");
    Map<String, SpecNode> f =
        item.fields("a permission such as {bucket: uploads, access: read}", allowed);
    List<String> kinds = f.keySet().stream().filter(PERMISSION_KINDS::contains).toList();
    if (kinds.size() != 1) {
      if (kinds.isEmpty() && item.isEmptyMap() || kinds.isEmpty() && f.containsKey("access")) {
        item.problem(
            "a permission names one resource: "
                + String.join(", ", PERMISSION_KINDS)
                + ", e.g. {bucket: uploads, access: read}");
      } else if (kinds.size() > 1) {
        item.problem(
            "a permission names one resource, this one names "
                + String.join(" and ", kinds)
                + "; write each as its own list item");
      }
      return null;
    }
    String kindWord = kinds.get(0);
    Permission.Kind kind = Permission.Kind.valueOf(kindWord.toUpperCase(Locale.ROOT));
    SpecNode target = f.get(kindWord);
    String name = target.nonEmptyText(kindWord);
    boolean ok =
        name != null && (kind == Permission.Kind.SECRET || declared.check(target, kindWord, name));
    List<String> words = ACCESS.get(kind).stream().map(Permission.Access::word).toList();
    if (!f.containsKey("access")) {
      item.missing(
          "access",
          "say what the function may do with the " + kindWord + ": " + String.join(", ", words));
      return null;
    }
    SpecNode accessNode = f.get("access");
    String access = accessNode.text();
    if (access == null) return null;
    if (!words.contains(access)) {
      String hint =
          DidYouMean.closest(access, words).map(c -> "; did you mean '" + c + "'?").orElse("");
      accessNode.problem(
          "access '"
              + access
              + "' is not valid for a "
              + kindWord
              + ": use "
              + String.join(", ", words)
              + hint);
      return null;
    }
    return ok
        ? new Permission(kind, name, Permission.Access.valueOf(access.toUpperCase(Locale.ROOT)))
        : null;
  }
}
