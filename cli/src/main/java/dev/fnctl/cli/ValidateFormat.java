package dev.fnctl.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How {@code validate} reports: {@code text} lines on stderr, {@code json} for programs, {@code
 * sarif} (2.1.0) for code-scanning tools that annotate a pull request's lines.
 */
enum ValidateFormat {
  TEXT,
  JSON,
  SARIF;

  String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The lower-case words users type. */
  static final class Converter implements ITypeConverter<ValidateFormat> {
    @Override
    public ValidateFormat convert(String word) {
      for (ValidateFormat f : values()) if (f.word().equals(word)) return f;
      throw new TypeConversionException(
          "'" + word + "' is not a validate format; use text, json or sarif");
    }
  }
}
