package dev.fnctl.cli.view;

import java.util.Map;

/**
 * The only place that knows about colour. Views ask for a {@link Style}; with colour off every
 * style is the identity, so golden files and pipes see plain text.
 */
public final class Palette {

  /** What a piece of text means; the palette decides how that looks. */
  public enum Style {
    ADD("32"),
    CHANGE("33"),
    DESTROY("31"),
    HEADING("1"),
    QUIET("2"),
    ERROR("1;31");

    private final String sgr;

    Style(String sgr) {
      this.sgr = sgr;
    }
  }

  public static final Palette PLAIN = new Palette(false);
  public static final Palette ANSI = new Palette(true);

  private final boolean enabled;

  private Palette(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Colour only for a person at a terminal: not when {@code NO_COLOR} is set to anything
   * (no-color.org), not when output is piped or captured ({@code System.console()} is null), not on
   * a dumb terminal.
   */
  public static Palette forEnvironment(Map<String, String> env, boolean terminal) {
    String noColor = env.get("NO_COLOR");
    if (noColor != null && !noColor.isEmpty()) return PLAIN;
    if (!terminal || "dumb".equals(env.get("TERM"))) return PLAIN;
    return ANSI;
  }

  public boolean enabled() {
    return enabled;
  }

  public String paint(Style style, String text) {
    if (!enabled || text.isEmpty()) return text;
    return "\u001b[" + style.sgr + "m" + text + "\u001b[0m";
  }
}
