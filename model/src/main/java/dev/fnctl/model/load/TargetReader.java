package dev.fnctl.model.load;

import dev.fnctl.model.spec.FunctionSettings;
import dev.fnctl.model.spec.Target;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one entry of {@code targets:}. Keys other than provider, defaults and functions are the
 * provider's own settings: they are kept as text here and checked by the engine against the
 * provider's declared settings, since only the provider knows them.
 */
final class TargetReader {
  private static final Pattern PROVIDER_ID = Pattern.compile("^[a-z][a-z0-9-]*$");

  private TargetReader() {}

  static Target read(String name, SpecNode node, Declared declared) {
    Map<String, SpecNode> f =
        node.entries("a map with provider and its settings, e.g. {provider: local}");
    String provider = null;
    if (!f.containsKey("provider")) {
      if (node.isMap() || node.isEmptyValue())
        node.missing("provider", "say which cloud, e.g. provider: local");
    } else {
      SpecNode p = f.get("provider");
      provider = p.nonEmptyText("provider");
      if (provider != null && !PROVIDER_ID.matcher(provider).matches()) {
        p.problem(
            "'"
                + provider
                + "' is not a provider id: use lower-case letters, digits and '-', e.g. local");
        provider = null;
      }
    }
    FunctionSettings defaults = FunctionSettings.NONE;
    Map<String, FunctionSettings> functions = new LinkedHashMap<>();
    Map<String, String> settings = new LinkedHashMap<>();
    for (Map.Entry<String, SpecNode> e : f.entrySet()) {
      String key = e.getKey();
      SpecNode value = e.getValue();
      switch (key) {
        case "provider" -> {}
        case "defaults" ->
            defaults =
                SettingsReader.read(
                    value.fields("a map of function settings", SettingsReader.FIELDS));
        case "functions" ->
            value
                .entries("a map of function names to settings")
                .forEach(
                    (fn, body) -> {
                      boolean known = declared.functions().contains(fn);
                      if (!known) {
                        body.keyProblem(
                            "function '"
                                + fn
                                + "' is not declared under functions:"
                                + DidYouMean.closest(fn, declared.functions())
                                    .map(c -> " (did you mean '" + c + "'?)")
                                    .orElse(""));
                      }
                      FunctionSettings s =
                          SettingsReader.read(
                              body.fields("a map of function settings", SettingsReader.FIELDS));
                      if (known) functions.put(fn, s);
                    });
        default -> {
          if (!value.isScalar() || value.isEmptyValue()) {
            value.problem(
                "provider setting '"
                    + key
                    + "' must be a plain value (text, number or"
                    + " true/false), got "
                    + value.kind());
          } else {
            String text = value.text();
            if (text != null) settings.put(key, text);
          }
        }
      }
    }
    return new Target(
        name,
        provider,
        Collections.unmodifiableMap(settings),
        defaults,
        Collections.unmodifiableMap(functions));
  }
}
