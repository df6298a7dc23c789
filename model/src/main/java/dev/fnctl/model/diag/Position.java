package dev.fnctl.model.diag;

/**
 * A place in a file, 1-based as editors show it (SnakeYAML's marks are 0-based: add one). {@code
 * line} 0 means the whole file.
 */
public record Position(String file, int line, int column) {

  public static final Position UNKNOWN = new Position("", 0, 0);

  public static Position ofFile(String file) {
    return new Position(file, 0, 0);
  }

  public String render() {
    if (line <= 0) return file;
    return file + ":" + line + ":" + column;
  }
}
