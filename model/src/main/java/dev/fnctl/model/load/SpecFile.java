package dev.fnctl.model.load;

import dev.fnctl.model.diag.Position;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;

/** What reading one spec file accumulates: its problems, the variables and where each path is. */
final class SpecFile {
  final Problems problems;
  final Variables variables;
  final Map<String, Position> positions = new LinkedHashMap<>();

  SpecFile(Problems problems, Variables variables) {
    this.problems = problems;
    this.variables = variables;
  }

  /** SnakeYAML marks are 0-based; users and editors count from 1. */
  Position at(Mark mark) {
    return new Position(problems.file(), mark.getLine() + 1, mark.getColumn() + 1);
  }
}
