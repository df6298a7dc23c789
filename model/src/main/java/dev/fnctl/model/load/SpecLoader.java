package dev.fnctl.model.load;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.model.spec.Target;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads a spec file: reads the YAML keeping positions, resolves variables for the chosen target,
 * validates everything and returns an immutable {@link Spec}, or throws a {@link SpecException}
 * carrying every problem found, each as {@code file:line:column: path: message}.
 *
 * <pre>{@code
 * Spec spec = new SpecLoader(System.getenv()).load(Path.of("fnctl.yaml"), null);
 * Deployment d = spec.forTarget(SpecLoader.chooseTarget(spec, null));
 * }</pre>
 */
public final class SpecLoader {
  private final Map<String, String> env;

  /**
   * @param env the environment {@code ${env:NAME}} reads (normally {@code System.getenv()})
   */
  public SpecLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * @param target the target to resolve {@code ${target}} for; null for the default target (see
   *     {@link #chooseTarget(Spec, String)})
   * @throws SpecException with every problem when the file is missing or the spec is invalid
   */
  public Spec load(Path file, String target) throws SpecException {
    String name = file.toString();
    byte[] bytes = read(file, name);
    Node root = compose(bytes, name);
    Problems problems = new Problems(name);
    String stack = preliminaryStack(root);
    String chosen = null;
    try {
      chosen = TargetChoice.choose(preliminaryProviders(root, stack), target);
    } catch (IllegalArgumentException e) {
      Node targets = value(root, "targets");
      Position at =
          targets == null ? Position.ofFile(name) : position(name, keyOf(root, "targets"));
      problems.add(at, "targets", e.getMessage());
    }
    Spec spec = read(file, bytes, root, stack, chosen, problems);
    if (problems.any()) throw new SpecException(problems.sorted());
    return spec;
  }

  /**
   * What {@code fnctl validate} checks, from one read of the file: the spec loaded for every target
   * it declares, in file order (for the implicit {@code local} when it declares none).
   *
   * @throws SpecException when the file cannot be read as one YAML document (nothing else can be
   *     checked then)
   */
  public List<ForTarget> loadEveryTarget(Path file) throws SpecException {
    String name = file.toString();
    byte[] bytes = read(file, name);
    Node root = compose(bytes, name);
    String stack = preliminaryStack(root);
    List<String> targets = new ArrayList<>(preliminaryProviders(root, stack).keySet());
    if (targets.isEmpty()) targets.add(Deployment.IMPLICIT_LOCAL);
    List<ForTarget> out = new ArrayList<>();
    for (String target : targets) {
      Problems problems = new Problems(name);
      Spec spec = read(file, bytes, root, stack, target, problems);
      out.add(new ForTarget(target, spec, problems.sorted()));
    }
    return List.copyOf(out);
  }

  /**
   * The spec loaded for one target, with its problems. When there are problems, the spec holds what
   * could be read (a value with a problem is null or left out), so that checks which do not depend
   * on those values, such as the target's provider and its settings, can still be made.
   */
  public record ForTarget(String target, Spec spec, List<Diagnostic> problems) {}

  private Spec read(
      Path file, byte[] bytes, Node root, String stack, String target, Problems problems) {
    SpecFile specFile = new SpecFile(problems, new Variables(env, stack, target));
    Path absolute = file.toAbsolutePath().normalize();
    return new SpecReader(specFile)
        .read(SpecNode.root(specFile, root), file, absolute.getParent(), sha256(bytes));
  }

  private static Node compose(byte[] bytes, String name) throws SpecException {
    Node root = YamlText.compose(decode(bytes, name), name);
    // "~", "null" or a lone "---" is a document holding nothing, as much as an empty file is.
    if (root == null || root instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
      throw single(
          root == null
              ? Position.ofFile(name)
              : new Position(
                  name, root.getStartMark().getLine() + 1, root.getStartMark().getColumn() + 1),
          "the file holds no spec: start it with apiVersion: " + Spec.API_VERSION);
    }
    return root;
  }

  /**
   * The target a command works on: {@code requested} when the spec declares it (or it is the
   * implicit {@code local} of a spec with no targets); with null, the only target, else the
   * implicit {@code local} when none is declared, else the first whose provider is {@code local}.
   *
   * @throws SpecException naming the declared targets when none of these applies
   */
  public static String chooseTarget(Spec spec, String requested) throws SpecException {
    Map<String, String> providers = new LinkedHashMap<>();
    for (Target t : spec.targets().values()) providers.put(t.name(), t.provider());
    try {
      return TargetChoice.choose(providers, requested);
    } catch (IllegalArgumentException e) {
      throw new SpecException(List.of(spec.sourceMap().at("targets", e.getMessage())));
    }
  }

  private static byte[] read(Path file, String name) throws SpecException {
    if (Files.isDirectory(file)) {
      throw single(
          Position.ofFile(name),
          "this is a directory; point at the spec file inside it, e.g. -f "
              + file.resolve("fnctl.yaml"));
    }
    if (!Files.exists(file)) {
      throw single(
          Position.ofFile(name),
          "file not found; create one with 'fnctl init' or point at it with -f FILE");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw single(Position.ofFile(name), "cannot read the file: " + e.getMessage());
    }
  }

  private static String decode(byte[] bytes, String name) throws SpecException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw single(Position.ofFile(name), "the file is not UTF-8 text; save it as UTF-8");
    }
  }

  static SpecException single(Position at, String message) {
    return new SpecException(List.of(new Diagnostic(at, "", message)));
  }

  /** The stack as written, for ${stack}; its problems are reported when it is read for real. */
  private String preliminaryStack(Node root) {
    return resolvedOrRaw(value(root, "stack"), new Variables(env, null, null));
  }

  private Map<String, String> preliminaryProviders(Node root, String stack) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value(root, "targets") instanceof MappingNode targets) {
      for (NodeTuple t : targets.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && !out.containsKey(k.getValue())) {
          String key = k.getValue();
          out.put(
              key,
              resolvedOrRaw(
                  value(t.getValueNode(), "provider"),
                  new Variables(env, stack == null ? "" : stack, key)));
        }
      }
    }
    return out;
  }

  private static String resolvedOrRaw(Node node, Variables variables) {
    if (!(node instanceof ScalarNode s)) return null;
    try {
      return variables.resolve(s.getValue());
    } catch (IllegalArgumentException e) {
      return s.getValue();
    }
  }

  private static Node value(Node map, String key) {
    NodeTuple t = tuple(map, key);
    return t == null ? null : t.getValueNode();
  }

  private static Node keyOf(Node map, String key) {
    NodeTuple t = tuple(map, key);
    return t == null ? null : t.getKeyNode();
  }

  private static NodeTuple tuple(Node map, String key) {
    if (!(map instanceof MappingNode m)) return null;
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) return t;
    }
    return null;
  }

  private static Position position(String file, Node node) {
    return new Position(
        file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
