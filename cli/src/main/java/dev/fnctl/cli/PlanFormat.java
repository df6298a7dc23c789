package dev.fnctl.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How {@code plan} prints: {@code text} for a terminal or log, {@code json} for machines, {@code
 * markdown} for a pull-request comment or a CI job summary.
 */
enum PlanFormat {
  TEXT,
  JSON,
  MARKDOWN;

  String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The lower-case words users type. */
  static final class Converter implements ITypeConverter<PlanFormat> {
    @Override
    public PlanFormat convert(String word) {
      for (PlanFormat f : values()) if (f.word().equals(word)) return f;
      throw new TypeConversionException(
          "'" + word + "' is not a plan format; use text, json or markdown");
    }
  }
}
