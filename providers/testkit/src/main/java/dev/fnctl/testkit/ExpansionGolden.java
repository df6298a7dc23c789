package dev.fnctl.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fnctl.model.load.SpecLoader;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.Provider;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Golden files for what a provider expands a spec into: spec in, resources out (address, type,
 * item, properties, dependsOn, replaceOn, sensitive), as text compared exactly. A provider's test
 * keeps one file per sample next to its tests; run with {@code -Dfnctl.golden.update=true} to
 * rewrite them after an intended change, then review the diff (STYLE.md 8).
 */
public final class ExpansionGolden {
  /** The system property that rewrites golden files instead of comparing them. */
  public static final String UPDATE_PROPERTY = "fnctl.golden.update";

  private ExpansionGolden() {}

  /** The resources {@code provider} expands {@code specFile}'s {@code target} into. */
  public static List<Resource> expand(
      Provider provider, Path specFile, String target, Map<String, String> env) throws Exception {
    Deployment d = new SpecLoader(env).load(specFile, target).forTarget(target);
    try (Cloud cloud =
        provider.connect(d, new Context(specFile.getParent(), env, Context.Log.SILENT))) {
      return cloud.desired(d);
    }
  }

  /** Compares {@code resources}, rendered, with {@code golden} (or rewrites it). */
  public static void assertMatches(Path golden, List<Resource> resources) {
    String actual = render(resources);
    try {
      if (Boolean.getBoolean(UPDATE_PROPERTY)) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(golden))
        fail(golden + " is missing; run with -D" + UPDATE_PROPERTY + "=true to write it");
      assertEquals(
          Files.readString(golden, StandardCharsets.UTF_8),
          actual,
          golden + " differs; if the change is intended, run with -D" + UPDATE_PROPERTY + "=true");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One block per resource, in the provider's order; properties in the provider's order. */
  public static String render(List<Resource> resources) {
    StringBuilder sb = new StringBuilder();
    for (Resource r : resources) {
      sb.append(r.address()).append('\n');
      sb.append("  type: ").append(r.type()).append('\n');
      sb.append("  item: ").append(r.item()).append('\n');
      if (!r.dependsOn().isEmpty())
        sb.append("  dependsOn: ").append(String.join(", ", r.dependsOn())).append('\n');
      if (!r.replaceOn().isEmpty())
        sb.append("  replaceOn: ").append(sorted(r.replaceOn())).append('\n');
      if (!r.sensitive().isEmpty())
        sb.append("  sensitive: ").append(sorted(r.sensitive())).append('\n');
      r.properties()
          .forEach(
              (k, v) -> sb.append("  .").append(k).append(" = ").append(value(v)).append('\n'));
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String sorted(Collection<String> names) {
    return String.join(", ", new TreeSet<>(names));
  }

  private static String value(Object v) {
    if (v == null) return "null";
    if (v instanceof Ref r) return r.toString();
    if (v instanceof String s) return quote(s);
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      m.forEach(
          (k, x) -> {
            if (sb.length() > 1) sb.append(", ");
            sb.append(quote(String.valueOf(k))).append(": ").append(value(x));
          });
      return sb.append('}').toString();
    }
    if (v instanceof Collection<?> c) {
      StringBuilder sb = new StringBuilder("[");
      for (Object x : c) {
        if (sb.length() > 1) sb.append(", ");
        sb.append(value(x));
      }
      return sb.append(']').toString();
    }
    return String.valueOf(v);
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.append('"').toString();
  }

  /** The repository's {@code samples/} directory, found upwards from where the tests run. */
  public static Path samples() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("samples"))) p = p.getParent();
    if (p == null)
      throw new IllegalStateException("no samples/ above " + Path.of("").toAbsolutePath());
    return p.resolve("samples");
  }

  /** The names of the samples (directories holding an fnctl.yaml), sorted. */
  public static List<String> sampleNames() throws IOException {
    try (Stream<Path> s = Files.list(samples())) {
      return s.filter(p -> Files.isRegularFile(p.resolve("fnctl.yaml")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  /** Copies a sample into {@code to}, so a provider that writes (the local one) writes there. */
  public static Path copySample(String name, Path to) throws IOException {
    Path from = samples().resolve(name);
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return to.resolve("fnctl.yaml");
  }
}
