package dev.fnctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.engine.Engine;
import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.provider.Providers;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Every YAML example of the spec reference and the concepts page is a spec that {@code fnctl
 * validate} accepts, with the providers fnctl ships. A whole spec is validated as it is; a part of
 * one (a {@code targets:} section, a function's {@code triggers:}) is put into a small spec that
 * declares the names the examples use, in its place: a top-level section replaces or extends the
 * base's, function fields go into function {@code resize}, and a function the example leaves
 * without {@code code} or {@code handler} gets them (the example elides them).
 */
class DocExamplesTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final List<String> PAGES = List.of("docs/spec-reference.md", "docs/concepts.md");

  private static final String BASE =
      String.join(
          "\n",
          "apiVersion: fnctl.dev/v1",
          "stack: orders",
          "targets:",
          "  dev: { provider: local }",
          "  prod: { provider: aws, region: eu-west-1 }",
          "defaults: { runtime: python3.12 }",
          "functions:",
          "  resize: { code: ./functions/resize, handler: main.handle }",
          "  report: { code: ./functions/report, handler: main.handle }",
          "queues: { orders: {}, jobs: {} }",
          "topics: { order-events: {} }",
          "buckets: { uploads: {}, thumbs: {}, legacy: { existing: acme-legacy-uploads } }",
          "");

  /** Top-level sections whose entries are names the other sections refer to: merged by name. */
  private static final Set<String> BY_NAME = Set.of("functions", "queues", "topics", "buckets");

  private static final Set<String> FUNCTION_FIELDS =
      Set.of(
          "code",
          "handler",
          "runtime",
          "memory",
          "timeout",
          "architecture",
          "env",
          "secrets",
          "concurrency",
          "triggers",
          "permissions");

  @TempDir Path tmp;

  record Example(String where, String yaml) {}

  static List<Example> examples() throws IOException {
    List<Example> out = new ArrayList<>();
    for (String page : PAGES) {
      List<String> lines = Files.readAllLines(ROOT.resolve(page));
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!line.strip().equals("```yaml")) continue;
        int indent = line.indexOf('`');
        StringBuilder yaml = new StringBuilder();
        int start = i + 1;
        for (i = start; !lines.get(i).strip().equals("```"); i++) {
          String l = lines.get(i);
          yaml.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n');
        }
        out.add(new Example(page + ":" + start, yaml.toString()));
      }
    }
    return out;
  }

  @Test
  void theExamplesAreFound() throws IOException {
    List<Example> all = examples();
    assertTrue(all.size() >= 12, all.toString());
    assertTrue(
        all.stream().anyMatch(e -> e.yaml().contains("targets:") && e.yaml().contains("staging")),
        all.toString());
  }

  @TestFactory
  Stream<DynamicTest> everyExampleValidates() throws IOException {
    Engine engine = Engine.create(Providers.discover(), Map.of());
    return examples().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.where(),
                    () -> {
                      Path dir =
                          Files.createDirectories(
                              tmp.resolve(e.where().replaceAll("[^a-z0-9]", "-")));
                      MappingNode spec = complete(compose(e.yaml()));
                      writeCode(dir, spec);
                      java.io.StringWriter text = new java.io.StringWriter();
                      new Yaml().serialize(spec, text);
                      Path file = Files.writeString(dir.resolve("fnctl.yaml"), text.toString());
                      List<String> problems =
                          engine.validate(file).stream().map(Diagnostic::render).toList();
                      assertEquals(
                          List.of(),
                          problems,
                          e.where() + " as validated:\n" + Files.readString(file));
                    }));
  }

  private static MappingNode compose(String yaml) {
    LoaderOptions options = new LoaderOptions();
    Node node =
        new Composer(
                new ParserImpl(new StreamReader(new StringReader(yaml)), options),
                new Resolver(),
                options)
            .getSingleNode();
    if (!(node instanceof MappingNode m)) throw new AssertionError("not a map:\n" + yaml);
    return m;
  }

  /** The example as a whole spec: itself when it is one, else put into {@link #BASE}. */
  private static MappingNode complete(MappingNode example) {
    if (value(example, "apiVersion") != null) return example;
    MappingNode base = compose(BASE);
    boolean functionFields =
        example.getValue().stream().allMatch(t -> FUNCTION_FIELDS.contains(key(t)));
    if (functionFields) {
      MappingNode resize = (MappingNode) value((MappingNode) value(base, "functions"), "resize");
      for (NodeTuple t : example.getValue()) put(resize, t);
      return base;
    }
    for (NodeTuple t : example.getValue()) {
      Node existing = value(base, key(t));
      if (BY_NAME.contains(key(t))
          && existing instanceof MappingNode named
          && t.getValueNode() instanceof MappingNode added) {
        for (NodeTuple entry : added.getValue()) put(named, entry);
      } else {
        put(base, t);
      }
    }
    for (NodeTuple f : ((MappingNode) value(base, "functions")).getValue()) {
      if (!(f.getValueNode() instanceof MappingNode body) || value(body, "<<") != null) continue;
      String name = key(f);
      if (value(body, "code") == null) body.getValue().add(tuple("code", "./functions/" + name));
      if (value(body, "handler") == null) body.getValue().add(tuple("handler", "main.handle"));
    }
    return base;
  }

  /**
   * A directory with a handler for each function's {@code code:}, or an archive for a .jar/.zip.
   */
  private static void writeCode(Path dir, MappingNode spec) throws IOException {
    Node functions = value(spec, "functions");
    if (!(functions instanceof MappingNode fs)) return;
    for (NodeTuple f : fs.getValue()) {
      Node code = f.getValueNode() instanceof MappingNode body ? codeOf(body) : null;
      if (!(code instanceof ScalarNode s)) continue;
      Path at = dir.resolve(s.getValue()).normalize();
      if (s.getValue().endsWith(".jar") || s.getValue().endsWith(".zip")) {
        Files.createDirectories(at.getParent());
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(at))) {
          zip.putNextEntry(new java.util.zip.ZipEntry("Handler.class"));
          zip.closeEntry();
        }
      } else {
        Files.createDirectories(at);
        Files.writeString(at.resolve("main.py"), "def handle(event, context):\n    return 1\n");
      }
    }
  }

  private static Node codeOf(MappingNode body) {
    Node code = value(body, "code");
    if (code != null) return code;
    Node merged = value(body, "<<");
    return merged instanceof MappingNode m ? value(m, "code") : null;
  }

  private static String key(NodeTuple t) {
    return ((ScalarNode) t.getKeyNode()).getValue();
  }

  private static Node value(MappingNode map, String key) {
    for (NodeTuple t : map.getValue()) if (key(t).equals(key)) return t.getValueNode();
    return null;
  }

  /** Sets {@code t}'s key in {@code map}, in place of an entry with that key. */
  private static void put(MappingNode map, NodeTuple t) {
    List<NodeTuple> tuples = map.getValue();
    for (int i = 0; i < tuples.size(); i++) {
      if (key(tuples.get(i)).equals(key(t))) {
        tuples.set(i, t);
        return;
      }
    }
    tuples.add(t);
  }

  private static NodeTuple tuple(String key, String value) {
    return new NodeTuple(
        new ScalarNode(
            Tag.STR, key, null, null, org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN),
        new ScalarNode(
            Tag.STR, value, null, null, org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN));
  }
}
