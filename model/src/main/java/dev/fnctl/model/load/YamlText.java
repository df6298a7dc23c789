package dev.fnctl.model.load;

import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.SpecException;
import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns the file's text into SnakeYAML's node tree, which keeps the position of every value
 * (constructing Java objects would lose them). A syntax error stops here: nothing after it can
 * be trusted.
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
      return new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      Position at = mark == null ? Position.ofFile(file)
          : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
      StringBuilder message = new StringBuilder("YAML syntax error: ").append(clean(e.getProblem()));
      if (e.getContext() != null && e.getContextMark() != null && e.getProblemMark() != null) {
        message.append(" (").append(clean(e.getContext())).append(" at line ")
            .append(e.getContextMark().getLine() + 1).append(")");
      }
      throw SpecLoader.single(at, message.toString());
    } catch (YAMLException e) {
      throw SpecLoader.single(Position.ofFile(file), "YAML error: " + clean(e.getMessage()));
    }
  }

  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }
}
