package dev.fnctl.model.load;

import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.SpecException;
import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns the file's text into SnakeYAML's node tree, which keeps the position of every value
 * (constructing Java objects would lose them). A syntax error stops here: nothing after it can be
 * trusted.
 */
final class YamlText {
  private YamlText() {}

  /** The document's root node, or null for an empty document. */
  static Node compose(String text, String file) throws SpecException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(200);
    options.setCodePointLimit(10 * 1024 * 1024);
    try {
      // The composer alone: no Constructor or Representer, fewer classes to load at start-up.
      Composer composer =
          new Composer(
              new ParserImpl(new StreamReader(new StringReader(text)), options),
              new Resolver(),
              options);
      return composer.getSingleNode();
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      Position at =
          mark == null
              ? Position.ofFile(file)
              : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
      StringBuilder message = new StringBuilder("YAML syntax error: ");
      if (e.getContext() != null && e.getContextMark() != null && e.getProblemMark() != null) {
        message
            .append(clean(e.getContext()))
            .append(" (line ")
            .append(e.getContextMark().getLine() + 1)
            .append("): ");
      }
      message.append(clean(e.getProblem())).append(hint(e.getContext() + " " + e.getProblem()));
      throw SpecLoader.single(at, message.toString());
    } catch (YAMLException e) {
      throw SpecLoader.single(Position.ofFile(file), "YAML error: " + clean(e.getMessage()));
    }
  }

  /** What usually causes the error SnakeYAML describes, in the user's terms. */
  private static String hint(String what) {
    if (what.contains("alias"))
      return "; quote values that start with '*', e.g. cron: \"*/5 * * * *\"";
    if (what.contains("another document"))
      return "; a spec file holds one document: remove the second ---";
    if (what.contains("<block end>"))
      return "; check the indentation of this line and the one above";
    if (what.contains("flow mapping") || what.contains("flow sequence")) {
      return "; check that every { and [ on the lines above is closed and items are separated by"
          + " commas";
    }
    return "";
  }

  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }
}
