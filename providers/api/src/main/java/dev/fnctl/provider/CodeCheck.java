package dev.fnctl.provider;

import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Runtime;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code validate} checks of a function's {@code code:} before anything is packaged, reading
 * no file's content: that it stays inside the project (the spec's directory, or the git work tree
 * holding it) and holds no symbolic link leading out of it, unless the function allows it with
 * {@code allowCodeOutsideProject: true}; that it is a directory or a regular file (a device such as
 * {@code /dev/zero} or a fifo would never end); that the files to package add up to no more than
 * the target's {@link Provider#maxPackageBytes() package limit} (sizes from the directory listing,
 * so a huge tree is refused in moments); and, for Python and Node.js, that the handler's file is
 * there and the runtime matches the code's language.
 *
 * <p>A path that does not exist is left to {@link CodePackager#check}, which says so.
 */
public final class CodeCheck {
  private static final List<String> PYTHON = List.of(".py");
  private static final List<String> JAVASCRIPT = List.of(".js", ".mjs", ".cjs");

  private CodeCheck() {}

  /**
   * @param baseDir the spec's directory, against which {@code code:} is resolved
   * @param function the function as deployed to one target (its runtime merged from every level)
   * @param maxBytes the target's package limit
   * @param target the target's name, for messages
   * @return the problems, at {@code functions.NAME.code}, {@code .handler} or {@code .runtime}
   */
  public static List<Problem> check(
      Path baseDir, FunctionSpec function, long maxBytes, String target) {
    List<Problem> out = new ArrayList<>();
    String code = function.code();
    if (baseDir == null || code == null || code.isBlank()) return out;
    String at = "functions." + function.name();
    Path source;
    try {
      source = baseDir.resolve(code).normalize();
    } catch (InvalidPathException e) {
      out.add(new Problem(at + ".code", "'" + code + "' is not a valid path"));
      return out;
    }
    if (!Files.exists(source)) return out; // CodePackager.check says where it looked
    Path real;
    Path project;
    try {
      real = source.toRealPath();
      project = project(baseDir.toRealPath());
    } catch (IOException e) {
      out.add(new Problem(at + ".code", "cannot read code path '" + code + "': " + e));
      return out;
    }
    if (!function.allowCodeOutsideProject() && !real.startsWith(project)) {
      out.add(
          new Problem(
              at + ".code",
              "code path '"
                  + code
                  + "' is outside the project ("
                  + project
                  + "); move the code into the project, or set allowCodeOutsideProject: true on"
                  + " this function if packaging and uploading it is meant"));
      return out;
    }
    if (Files.isRegularFile(real)) {
      long size = size(real);
      if (size > maxBytes) out.add(new Problem(at + ".code", tooLarge(code, maxBytes, target)));
      return out;
    }
    if (!Files.isDirectory(real)) {
      out.add(
          new Problem(
              at + ".code",
              "code path '"
                  + code
                  + "' is not a directory or a regular file (a device, a fifo or a socket): point"
                  + " it at the function's directory or its .zip/.jar"));
      return out;
    }
    Tree tree = walk(real, function.allowCodeOutsideProject(), maxBytes);
    for (String link : tree.linksOutside) {
      out.add(
          new Problem(
              at + ".code",
              "'"
                  + link
                  + "' in code directory '"
                  + code
                  + "' is a symbolic link leading outside it; copy what it points at into the"
                  + " directory, or set allowCodeOutsideProject: true on this function if"
                  + " packaging it is meant"));
    }
    if (tree.bytes > maxBytes) out.add(new Problem(at + ".code", tooLarge(code, maxBytes, target)));
    if (out.isEmpty()) out.addAll(handlerProblems(real, function, code, tree));
    return out;
  }

  /** The git work tree holding {@code dir}, or {@code dir} itself when it is in none. */
  private static Path project(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) return d;
    }
    return dir;
  }

  private static String tooLarge(String code, long maxBytes, String target) {
    return "code '"
        + code
        + "' holds more than the "
        + megabytes(maxBytes)
        + " a package may have on target "
        + target
        + "; leave out what the function does not need with a .fnctlignore file, or ship a"
        + " prebuilt .zip";
  }

  private static String megabytes(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // the packager reports what cannot be read
    }
  }

  /** What a walk of the directory found: sizes and languages, never contents. */
  private static final class Tree {
    long bytes;
    int files;
    int pythonFiles;
    int javascriptFiles;
    final List<String> linksOutside = new ArrayList<>();
  }

  /**
   * Walks as the packager does (ignored paths left out) without following links, so a link out of
   * the tree is seen as a link; stops counting once over {@code maxBytes}. Files behind a link to a
   * directory inside the tree are not counted twice.
   */
  private static Tree walk(Path dir, boolean allowOutside, long maxBytes) {
    Tree tree = new Tree();
    IgnoreRules ignore;
    try {
      ignore = IgnoreRules.forDirectory(dir);
    } catch (IOException | IgnoreFileException e) {
      ignore = IgnoreRules.of(IgnoreRules.DEFAULTS); // CodePackager.check reports the bad line
    }
    IgnoreRules rules = ignore;
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              if (d.equals(dir)) return FileVisitResult.CONTINUE;
              return rules.ignores(relative(dir, d), true)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
              String path = relative(dir, f);
              if (attrs.isSymbolicLink()) {
                Optional<Path> target = realPath(f);
                if (target.isEmpty()) return FileVisitResult.CONTINUE; // dangling: not packaged
                boolean isDir = Files.isDirectory(target.get());
                if (rules.ignores(path, isDir)) return FileVisitResult.CONTINUE;
                if (!allowOutside && !target.get().startsWith(dir)) {
                  tree.linksOutside.add(path);
                  return FileVisitResult.CONTINUE;
                }
                if (!isDir) count(tree, path, size(target.get()));
              } else if (attrs.isRegularFile() && !rules.ignores(path, false)) {
                count(tree, path, attrs.size());
              }
              return tree.bytes > maxBytes ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              return FileVisitResult.CONTINUE; // the packager reports what cannot be read
            }
          });
    } catch (IOException e) {
      // the visitor throws nothing; the packager reports an unreadable directory
    }
    return tree;
  }

  private static void count(Tree tree, String path, long size) {
    tree.bytes += size;
    tree.files++;
    String lower = path.toLowerCase(Locale.ROOT);
    if (PYTHON.stream().anyMatch(lower::endsWith)) tree.pythonFiles++;
    if (JAVASCRIPT.stream().anyMatch(lower::endsWith)) tree.javascriptFiles++;
  }

  private static Optional<Path> realPath(Path link) {
    try {
      return Optional.of(link.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  /**
   * Python's {@code pkg.module.function} needs {@code pkg/module.py} (or a package's {@code
   * __init__.py}); Node.js's {@code dir/file.function} needs {@code dir/file.js}, {@code .mjs} or
   * {@code .cjs}. A runtime whose language has no file in the code while the other one has is named
   * as the mistake, since fixing the handler alone would not help. Other languages are not checked.
   */
  private static List<Problem> handlerProblems(
      Path dir, FunctionSpec function, String code, Tree tree) {
    Optional<Runtime> runtime = Runtime.parse(function.runtime());
    String handler = function.handler();
    // An empty directory is the packager's to report ("no files to package").
    if (tree.files == 0 || runtime.isEmpty() || handler == null || handler.isBlank())
      return List.of();
    String language = runtime.get().language();
    boolean python = language.equals(Runtime.PYTHON);
    if (!python && !language.equals(Runtime.NODEJS)) return List.of();
    String at = "functions." + function.name();
    if (python && tree.pythonFiles == 0 && tree.javascriptFiles > 0
        || !python && tree.javascriptFiles == 0 && tree.pythonFiles > 0) {
      return List.of(
          new Problem(
              at + ".runtime",
              "runtime "
                  + function.runtime()
                  + " does not match the code: '"
                  + code
                  + "' holds "
                  + (python ? "JavaScript files and no Python" : "Python files and no JavaScript")
                  + "; set the runtime of the code's language (e.g. "
                  + (python ? "nodejs22" : "python3.12")
                  + "), or point code: at the "
                  + (python ? "Python" : "Node.js")
                  + " code"));
    }
    int dot = handler.lastIndexOf('.');
    if (dot <= 0 || dot == handler.length() - 1) {
      return List.of(
          new Problem(
              at + ".handler",
              "handler '"
                  + handler
                  + "' is not of the form "
                  + (python
                      ? "module.function, e.g. main.handle"
                      : "file.function, e.g. index.handler")));
    }
    String module = handler.substring(0, dot);
    List<String> candidates =
        python
            ? List.of(module.replace('.', '/') + ".py", module.replace('.', '/') + "/__init__.py")
            : JAVASCRIPT.stream().map(ext -> module + ext).toList();
    for (String c : candidates) {
      try {
        if (Files.isRegularFile(dir.resolve(c))) return List.of();
      } catch (InvalidPathException e) {
        break;
      }
    }
    return List.of(
        new Problem(
            at + ".handler",
            "handler '"
                + handler
                + "' names "
                + (python ? "module '" + module + "'" : "file '" + module + "'")
                + ", but '"
                + code
                + "' has no "
                + String.join(" or ", python ? candidates.subList(0, 1) : candidates)
                + "; check the handler's spelling"));
  }
}
