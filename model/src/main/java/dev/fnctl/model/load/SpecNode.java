package dev.fnctl.model.load;

import dev.fnctl.model.diag.Position;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A value in the spec file with its path ({@code functions.resize.memory}) and position. Each typed
 * read reports a problem and returns null (or an empty collection) when the value is not what was
 * expected, so that reading always goes on and every problem is found.
 */
final class SpecNode {
  private final SpecFile file;
  private final Node node;
  private final String path;
  private final Position keyPosition;

  private SpecNode(SpecFile file, Node node, String path, Position keyPosition) {
    this.file = file;
    this.node = node;
    this.path = path;
    this.keyPosition = keyPosition;
  }

  static SpecNode root(SpecFile file, Node node) {
    return new SpecNode(file, node, "", file.at(node.getStartMark()));
  }

  String path() {
    return path;
  }

  /** Where a scalar's value starts; for a map or list, where its key (or list item) is. */
  Position position() {
    return node instanceof ScalarNode ? file.at(node.getStartMark()) : keyPosition;
  }

  Position keyPosition() {
    return keyPosition;
  }

  boolean isMap() {
    return node instanceof MappingNode;
  }

  boolean isScalar() {
    return node instanceof ScalarNode;
  }

  boolean isList() {
    return node instanceof SequenceNode;
  }

  boolean isEmptyMap() {
    return node instanceof MappingNode m && m.getValue().isEmpty();
  }

  boolean isEmptyValue() {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  void problem(String message) {
    file.problems.add(position(), path, message);
  }

  /** A required field of this map is not written; reported where the map starts. */
  void missing(String field, String howTo) {
    String fieldPath = path.isEmpty() ? field : path + "." + field;
    file.problems.add(keyPosition, fieldPath, "missing required field '" + field + "': " + howTo);
  }

  void keyProblem(String message) {
    file.problems.add(keyPosition, path, message);
  }

  /** How the value reads to a user: "a list", "a map", "a number"... */
  String kind() {
    if (node instanceof MappingNode) return "a map";
    if (node instanceof SequenceNode) return "a list";
    Tag tag = node.getTag();
    if (tag.equals(Tag.NULL)) return "an empty value";
    if (tag.equals(Tag.BOOL)) return "true/false";
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) return "a number";
    return "a string";
  }

  /** A map with fixed field names; unknown names are reported with the closest known one. */
  Map<String, SpecNode> fields(String what, Collection<String> allowed) {
    return fields(what, allowed, false);
  }

  /**
   * As {@link #fields(String, Collection)}; with {@code extensions}, keys starting with {@code x-}
   * are skipped: they hold YAML anchors for reuse elsewhere in the file.
   */
  Map<String, SpecNode> fields(String what, Collection<String> allowed, boolean extensions) {
    Map<String, SpecNode> all = entries(what);
    Map<String, SpecNode> known = new LinkedHashMap<>();
    all.forEach(
        (key, child) -> {
          if (extensions && key.startsWith("x-")) {
            return;
          } else if (allowed.contains(key)) {
            known.put(key, child);
          } else {
            child.keyProblem("unknown field '" + key + "': " + DidYouMean.hint(key, allowed));
          }
        });
    return known;
  }

  /** A map with names chosen by the user (functions, env); an empty value is an empty map. */
  Map<String, SpecNode> entries(String what) {
    Map<String, SpecNode> out = new LinkedHashMap<>();
    if (node == null || isEmptyValue()) return out;
    if (!(node instanceof MappingNode map)) {
      problem("expected " + what + ", got " + kind());
      return out;
    }
    Map<String, Integer> firstLine = new HashMap<>();
    for (NodeTuple t : tuples(map)) {
      Node keyNode = t.getKeyNode();
      Position keyAt = file.at(keyNode.getStartMark());
      if (!(keyNode instanceof ScalarNode k)) {
        file.problems.add(keyAt, path, "a key must be a plain name, not a list or map");
        continue;
      }
      String key = k.getValue();
      String childPath = path.isEmpty() ? key : path + "." + key;
      Integer first = firstLine.putIfAbsent(key, keyAt.line());
      if (first != null) {
        file.problems.add(
            keyAt,
            childPath,
            "duplicate key '" + key + "' (first written at line " + first + "); keep one");
        continue;
      }
      SpecNode child = new SpecNode(file, t.getValueNode(), childPath, keyAt);
      file.positions.put(childPath, child.position());
      out.put(key, child);
    }
    return out;
  }

  /** The tuples of a map with YAML merge keys ({@code <<: *base}) applied: written keys win. */
  private List<NodeTuple> tuples(MappingNode map) {
    return tuples(map, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
  }

  /**
   * {@code merging} holds the maps being merged on the way here: a map that merges itself, directly
   * or through others ({@code a: &a {<<: *a}}), is reported once and its merge left out, rather
   * than recursing forever.
   */
  private List<NodeTuple> tuples(MappingNode map, java.util.Set<Node> merging) {
    List<NodeTuple> written = new ArrayList<>();
    List<NodeTuple> merged = new ArrayList<>();
    merging.add(map);
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode().getTag().equals(Tag.MERGE)) {
        Node v = t.getValueNode();
        List<Node> sources = v instanceof SequenceNode s ? s.getValue() : List.of(v);
        for (Node source : sources) {
          if (!(source instanceof MappingNode m)) continue;
          if (merging.contains(m)) {
            file.problems.add(
                file.at(t.getKeyNode().getStartMark()),
                path,
                "this merge key (<<) merges a map into itself; merge another anchor, or remove it");
            continue;
          }
          merged.addAll(tuples(m, merging));
        }
      } else {
        written.add(t);
      }
    }
    merging.remove(map);
    if (merged.isEmpty()) return written;
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (NodeTuple t : written) {
      if (t.getKeyNode() instanceof ScalarNode s) keys.add(s.getValue());
    }
    for (NodeTuple t : merged) {
      if (t.getKeyNode() instanceof ScalarNode s && keys.add(s.getValue())) written.add(t);
    }
    return written;
  }

  List<SpecNode> items(String what) {
    List<SpecNode> out = new ArrayList<>();
    if (node == null || isEmptyValue()) return out;
    if (!(node instanceof SequenceNode list)) {
      problem("expected " + what + ", got " + kind());
      return out;
    }
    int i = 0;
    for (Node item : list.getValue()) {
      String itemPath = path + "[" + i++ + "]";
      SpecNode child = new SpecNode(file, item, itemPath, file.at(item.getStartMark()));
      file.positions.put(itemPath, child.position());
      out.add(child);
    }
    return out;
  }

  /** The scalar's text with variables resolved; null when absent or not a plain value. */
  String text() {
    return scalar("a string", file.variables);
  }

  /** Text resolved with other variables than the file's (the stack name cannot use ${stack}). */
  String text(Variables variables) {
    return scalar("a string", variables);
  }

  /** True when the value is written with a variable, ${...}, before resolving. */
  boolean writesVariable() {
    return node instanceof ScalarNode s && s.getValue().replace("$${", "").contains("${");
  }

  /** Text that must not be empty. */
  String nonEmptyText(String what) {
    String t = text();
    if (t != null && t.isBlank()) {
      problem(what + " must not be empty");
      return null;
    }
    return t;
  }

  private String scalar(String expected) {
    return scalar(expected, file.variables);
  }

  private String scalar(String expected, Variables variables) {
    if (node == null) return null;
    if (!(node instanceof ScalarNode s) || isEmptyValue()) {
      problem("expected " + expected + ", got " + kind());
      return null;
    }
    try {
      return variables.resolve(s.getValue());
    } catch (IllegalArgumentException e) {
      problem(e.getMessage());
      return null;
    }
  }

  Integer integer() {
    String t = scalar("a number");
    if (t == null || quotedLiteral(t)) return null;
    try {
      return Integer.valueOf(t.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      problem("expected a whole number, got '" + t + "'");
      return null;
    }
  }

  /** A whole number within bounds; {@code unit} is appended to the bounds in the message. */
  Integer integer(int min, int max, String unit) {
    Integer v = integer();
    if (v != null && (v < min || v > max)) {
      problem(v + unit + " is out of range: use " + min + unit + " to " + max + unit);
      return null;
    }
    return v;
  }

  BigDecimal decimal() {
    String t = scalar("a number");
    if (t == null || quotedLiteral(t)) return null;
    try {
      return new BigDecimal(t.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      problem("expected a number, got '" + t + "'");
      return null;
    }
  }

  Boolean bool() {
    String t = scalar("true or false");
    if (t == null || quotedLiteral(t)) return null;
    return switch (t.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> Boolean.TRUE;
      case "false", "no", "off" -> Boolean.FALSE;
      default -> {
        problem("expected true or false, got '" + t + "'");
        yield null;
      }
    };
  }

  /**
   * A number or true/false written in quotes is text to YAML, to the JSON Schema and to editors;
   * refusing it here keeps the loader and the schema in agreement. Values from variables are text
   * by nature and are fine.
   */
  private boolean quotedLiteral(String resolved) {
    ScalarNode s = (ScalarNode) node;
    if (s.isPlain() || s.getValue().contains("${")) return false;
    problem("got the text \"" + resolved + "\" in quotes; write " + resolved + " without quotes");
    return true;
  }

  Duration duration() {
    String t = scalar("a duration such as 30s or 5m");
    if (t == null) return null;
    try {
      return Durations.parse(t);
    } catch (IllegalArgumentException e) {
      problem(e.getMessage());
      return null;
    }
  }

  /** One of {@code allowed}, written exactly so. */
  String word(List<String> allowed) {
    String w = text();
    if (w == null) return null;
    if (!allowed.contains(w)) {
      String hint =
          DidYouMean.closest(w, allowed).map(c -> "; did you mean '" + c + "'?").orElse("");
      problem("'" + w + "' is not one of " + String.join(", ", allowed) + hint);
      return null;
    }
    return w;
  }
}
