package dev.fnctl.model.load;

import dev.fnctl.model.diag.SourceMap;
import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.Budget;
import dev.fnctl.model.spec.FunctionSettings;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.model.spec.Target;
import dev.fnctl.model.spec.TopicSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Reads the whole document into a {@link Spec}, reporting every problem on the way. */
final class SpecReader {
  static final List<String> FIELDS =
      List.of(
          "apiVersion",
          "stack",
          "targets",
          "defaults",
          "functions",
          "queues",
          "topics",
          "buckets",
          "budgets");

  private final SpecFile file;

  SpecReader(SpecFile file) {
    this.file = file;
  }

  Spec read(SpecNode root, Path path, Path baseDir, String digest) {
    Map<String, SpecNode> f =
        root.fields("a map starting with apiVersion: " + Spec.API_VERSION, FIELDS, true);
    String apiVersion = null;
    if (!f.containsKey("apiVersion")) {
      if (root.isMap())
        root.missing("apiVersion", "start the file with apiVersion: " + Spec.API_VERSION);
    } else {
      apiVersion = f.get("apiVersion").text();
      if (f.get("apiVersion").writesVariable()) {
        // The version says how the rest of the file is read, so it is written as it is.
        f.get("apiVersion")
            .problem("apiVersion cannot use variables; write apiVersion: " + Spec.API_VERSION);
      } else if (apiVersion != null && !apiVersion.equals(Spec.API_VERSION)) {
        f.get("apiVersion")
            .problem(
                "apiVersion '"
                    + apiVersion
                    + "' is not supported: write apiVersion: "
                    + Spec.API_VERSION);
      }
    }
    String stack = null;
    if (!f.containsKey("stack")) {
      if (root.isMap())
        root.missing("stack", "name the stack that owns what fnctl makes, e.g. stack: orders");
    } else {
      SpecNode node = f.get("stack");
      String text = node.text(new Variables(file.variables.env(), null, null));
      if (text != null && text.isBlank()) node.problem("stack must not be empty");
      stack = text == null || text.isBlank() ? null : name(node, "stack", Names.STACK_MAX, text);
    }

    Map<String, SpecNode> queueNodes = section(f, "queues", "a map of queue names to settings");
    Map<String, SpecNode> topicNodes = section(f, "topics", "a map of topic names to settings");
    Map<String, SpecNode> bucketNodes = section(f, "buckets", "a map of bucket names to settings");
    Map<String, SpecNode> functionNodes =
        section(f, "functions", "a map of function names to functions");
    Declared declared =
        new Declared(
            functionNodes.keySet(), queueNodes.keySet(), topicNodes.keySet(), bucketNodes.keySet());

    Map<String, QueueSpec> queues = named(queueNodes, "queue", ResourceReader::queue);
    Map<String, TopicSpec> topics = named(topicNodes, "topic", ResourceReader::topic);
    Map<String, BucketSpec> buckets = named(bucketNodes, "bucket", ResourceReader::bucket);
    FunctionReader functionReader = new FunctionReader(declared);
    Map<String, FunctionSpec> functions = named(functionNodes, "function", functionReader::read);
    FunctionSettings defaults =
        f.containsKey("defaults")
            ? SettingsReader.read(
                f.get("defaults").fields("a map of function settings", SettingsReader.FIELDS))
            : FunctionSettings.NONE;
    Map<String, SpecNode> targetNodes =
        section(f, "targets", "a map of target names to {provider: ..., settings}");
    Map<String, Target> targets = new LinkedHashMap<>();
    targetNodes.forEach(
        (name, node) -> {
          name(node, "target", Names.TARGET_MAX, name);
          targets.put(name, TargetReader.read(name, node, declared));
        });
    Map<String, Budget> budgets =
        named(
            section(f, "budgets", "a map of budget names to budgets"),
            "budget",
            BudgetReader::read);

    checkRuntimes(functionNodes, functions, defaults, targets);
    existingNotDeclared("queues", "queue", queues, QueueSpec::existing);
    existingNotDeclared("topics", "topic", topics, TopicSpec::existing);
    existingNotDeclared("buckets", "bucket", buckets, BucketSpec::existing);
    return new Spec(
        apiVersion,
        stack,
        Collections.unmodifiableMap(targets),
        defaults,
        Collections.unmodifiableMap(functions),
        Collections.unmodifiableMap(queues),
        Collections.unmodifiableMap(topics),
        Collections.unmodifiableMap(buckets),
        Collections.unmodifiableMap(budgets),
        path,
        baseDir,
        new SourceMap(
            file.problems.file(), Collections.unmodifiableMap(new LinkedHashMap<>(file.positions))),
        digest);
  }

  private static Map<String, SpecNode> section(Map<String, SpecNode> f, String key, String what) {
    SpecNode node = f.get(key);
    return node == null ? Map.of() : node.entries(what);
  }

  /** Reads each entry whose name is valid; entries that fail leave a problem and no value. */
  private static <T> Map<String, T> named(
      Map<String, SpecNode> nodes, String kind, BiFunction<String, SpecNode, T> reader) {
    Map<String, T> out = new LinkedHashMap<>();
    nodes.forEach(
        (name, node) -> {
          name(node, kind, Names.RESOURCE_MAX, name);
          T value = reader.apply(name, node);
          if (value != null) out.put(name, value);
        });
    return out;
  }

  private static String name(SpecNode node, String kind, int max, String name) {
    if (name == null) return null;
    var problem = Names.problem(kind, name, max);
    if (problem.isEmpty()) return name;
    if (kind.equals("stack")) node.problem(problem.get());
    else node.keyProblem(problem.get());
    return null;
  }

  /**
   * {@code existing:} says the stack does not own the resource; naming one the spec declares (and
   * so owns) would wire it as foreign while the stack creates and deletes it. Physical names are
   * each provider's, so providers check those; here, the spec's own names.
   */
  private <T> void existingNotDeclared(
      String section,
      String kind,
      Map<String, T> declared,
      java.util.function.Function<T, String> existing) {
    declared.forEach(
        (name, item) -> {
          String e = existing.apply(item);
          if (e == null || e.equals(name)) return;
          T other = declared.get(e);
          if (other == null || existing.apply(other) != null) return;
          String path = section + "." + name + ".existing";
          file.problems.add(
              file.positions.getOrDefault(
                  path, dev.fnctl.model.diag.Position.ofFile(file.problems.file())),
              path,
              "'"
                  + e
                  + "' is "
                  + kind
                  + " '"
                  + e
                  + "' of this spec, which the stack owns; existing: names a "
                  + kind
                  + " the stack does not own: refer to '"
                  + e
                  + "' by its name in triggers and permissions instead");
        });
  }

  /** A function needs a runtime from itself, from defaults:, or from every target it deploys to. */
  private static void checkRuntimes(
      Map<String, SpecNode> nodes,
      Map<String, FunctionSpec> functions,
      FunctionSettings defaults,
      Map<String, Target> targets) {
    if (defaults.runtime() != null) return;
    functions.forEach(
        (name, fn) -> {
          if (fn.settings().runtime() != null) return;
          List<String> without = new ArrayList<>();
          for (Target t : targets.values()) {
            FunctionSettings own = t.functions().get(name);
            if (t.defaults().runtime() == null && (own == null || own.runtime() == null))
              without.add(t.name());
          }
          SpecNode node = nodes.get(name);
          if (targets.isEmpty() || without.size() == targets.size()) {
            node.missing("runtime", "set it here or under defaults:, e.g. runtime: python3.12");
          } else if (!without.isEmpty()) {
            node.missing(
                "runtime",
                "target"
                    + (without.size() > 1 ? "s " : " ")
                    + String.join(", ", without)
                    + " set none; set it here, under defaults: or in each target");
          }
        });
  }
}
