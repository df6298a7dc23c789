package dev.fnctl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project templates packed into the jar under {@code templates/}: {@code index.tsv} lists
 * {@code name<TAB>description}; {@code <name>/.files} lists each file of a template by relative
 * path (a jar cannot be listed like a directory).
 */
final class Templates {
  private final ClassLoader loader;
  private final String root;

  /** The templates packed into fnctl's jar. */
  static Templates packaged() {
    return new Templates(Templates.class.getClassLoader(), "templates/");
  }

  Templates(ClassLoader loader, String root) {
    this.loader = loader;
    this.root = root;
  }

  /** Template name to one-line description, in index order. */
  Map<String, String> index() {
    Map<String, String> index = new LinkedHashMap<>();
    for (String line : lines(root + "index.tsv").orElse(List.of())) {
      if (line.isBlank() || line.startsWith("#")) continue;
      int tab = line.indexOf('\t');
      String name = tab < 0 ? line.strip() : line.substring(0, tab).strip();
      index.put(name, tab < 0 ? "" : line.substring(tab + 1).strip());
    }
    return index;
  }

  /** The relative paths of a template's files; empty if there is no such template. */
  Optional<List<String>> files(String name) {
    if (name.contains("/") || name.contains("\\") || name.startsWith(".")) return Optional.empty();
    return lines(root + name + "/.files")
        .map(
            l ->
                l.stream()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty() && !s.startsWith("#"))
                    .toList());
  }

  byte[] read(String name, String file) {
    try (InputStream in = loader.getResourceAsStream(root + name + "/" + file)) {
      if (in == null)
        throw new IllegalStateException(
            "template " + name + " lists " + file + " but the jar lacks it");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<List<String>> lines(String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) return Optional.empty();
      return Optional.of(
          new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
