package dev.fnctl.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of every sample's and template's spec, validated through the real command line:
 * whatever the file holds, validate ends with exit 0 (valid) or 3 (problems, each printed as a
 * line), never another code, a stack trace or an internal error. Each spec is validated in a copy
 * of its project, so code paths, handlers and ignore files are checked for real.
 *
 * <p>A validate takes some tens of milliseconds, so the suite's run is kept to a few seconds with a
 * few mutations per spec and a fixed seed; {@code -Dfnctl.fuzz.seed=N} and {@code
 * -Dfnctl.fuzz.runs=N} (mutations per spec) explore further. A failure names the seed, the spec and
 * the mutated text.
 */
class ValidateFuzzTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  /** Values of every kind a user (or an attacker) might write where a value goes. */
  private static final List<String> JUNK =
      List.of(
          "",
          "~",
          "null",
          "[]",
          "{}",
          "*a",
          "&a { <<: *a }",
          "!!binary AAAA",
          "\"\\u0000\\u001b[31mred\\n\"",
          "/dev/zero",
          "../../../../etc",
          "99999999999999999999999",
          "-1",
          "1e400",
          "${env:FNCTL_FUZZ_NOPE}",
          "${",
          "{ a: ",
          "'unterminated",
          "x: y: z",
          "http://",
          "not a url",
          "sk_live_51HxQ2cLkP0aZ9yVb3TgR7uWm",
          "[a, {b: [c, {d: e}]}]",
          "\"0 9 1 * 1\"",
          "nodejs16",
          "\t");

  private static final String CHARACTERS = "{}[]:,&*!|>-#%@`\"' \t\n\u0000\u0007\u001bx9";

  @TempDir Path tmp;

  @Test
  void everyMutationOfEverySpecIsValidOrAListOfProblems() throws IOException {
    long seed = Long.getLong("fnctl.fuzz.seed", 20261206L);
    int runs = Integer.getInteger("fnctl.fuzz.runs", 6);
    List<Path> projects = new ArrayList<>();
    for (String parent : List.of("samples", "templates")) {
      try (Stream<Path> dirs = Files.list(ROOT.resolve(parent))) {
        dirs.filter(d -> Files.isRegularFile(d.resolve("fnctl.yaml")))
            .sorted()
            .forEach(projects::add);
      }
    }
    assertTrue(projects.size() >= 6, "samples and templates: " + projects);
    Random random = new Random(seed);
    int validated = 0;
    for (Path source : projects) {
      Path project = tmp.resolve(source.getParent().getFileName() + "-" + source.getFileName());
      copy(source, project);
      Path spec = project.resolve("fnctl.yaml");
      String original = Files.readString(source.resolve("fnctl.yaml"), StandardCharsets.UTF_8);
      List<String> texts =
          new ArrayList<>(
              List.of(
                  "~",
                  "---",
                  "",
                  "a: &a\n  <<: *a\n",
                  original + "\nx-loop: &loop\n  <<: *loop\n  memory: 1\n",
                  original.replace("functions:", "x-a: &a { <<: *a }\nfunctions:\n  loop: *a")));
      for (int i = 0; i < runs; i++) texts.add(mutate(original, random));
      for (String text : texts) {
        Files.writeString(spec, text, StandardCharsets.UTF_8);
        check(seed, source, text, spec);
        validated++;
      }
    }
    System.out.println("ValidateFuzzTest: seed " + seed + ", " + validated + " specs validated");
  }

  private static void check(long seed, Path source, String text, Path spec) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try {
      code =
          Main.run(
              new PrintWriter(out),
              new PrintWriter(err),
              Map.of("NO_COLOR", "1"),
              "validate",
              "-f",
              spec.toString());
    } catch (Throwable t) {
      fail(replay(seed, source, text) + "threw " + t, t);
      return;
    }
    String e = err.toString();
    boolean exitCode = code == 0 || code == 3;
    boolean noCrash =
        !e.contains("\tat ") && !e.contains("internal error") && !e.contains("Exception");
    boolean oneLineEach =
        e.lines().allMatch(l -> l.startsWith(spec.toString()) || l.startsWith("Error: "));
    boolean saysWhy = code == 3 ? !e.isBlank() : e.lines().allMatch(l -> l.contains(": warning: "));
    boolean clean = exitCode && noCrash && oneLineEach && saysWhy;
    if (!clean) {
      fail(replay(seed, source, text) + "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + e);
    }
  }

  private static String replay(long seed, Path source, String text) {
    return "seed "
        + seed
        + " (replay with -Dfnctl.fuzz.seed="
        + seed
        + "), "
        + source
        + " mutated to:\n---\n"
        + text
        + "\n---\n";
  }

  /** One to three random edits of the spec's text, line-wise or character-wise. */
  static String mutate(String text, Random random) {
    String result = text;
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits; i++) {
      List<String> lines = new ArrayList<>(List.of(result.split("\n", -1)));
      int at = random.nextInt(lines.size());
      String line = lines.get(at);
      switch (random.nextInt(7)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, line);
        case 2 -> {
          int other = random.nextInt(lines.size());
          lines.set(at, lines.get(other));
          lines.set(other, line);
        }
        case 3 -> {
          int colon = line.indexOf(": ");
          String junk = JUNK.get(random.nextInt(JUNK.size()));
          lines.set(at, colon < 0 ? line + " " + junk : line.substring(0, colon + 2) + junk);
        }
        case 4 ->
            lines.add(
                at,
                " ".repeat(random.nextInt(8))
                    + (random.nextBoolean() ? "key: " : "- ")
                    + JUNK.get(random.nextInt(JUNK.size())));
        case 5 -> {
          if (!line.isEmpty()) lines.set(at, line.substring(0, random.nextInt(line.length())));
        }
        default -> {
          if (line.isEmpty()) break;
          int c = random.nextInt(line.length());
          char replacement = CHARACTERS.charAt(random.nextInt(CHARACTERS.length()));
          lines.set(at, line.substring(0, c) + replacement + line.substring(c + 1));
        }
      }
      result = String.join("\n", lines);
    }
    return result;
  }

  /** The project as the repository has it: without what a local target or a build left in it. */
  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path relative = from.relativize(p);
        if (relative.startsWith(".fnctl") || relative.toString().contains("node_modules")) continue;
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }
}
