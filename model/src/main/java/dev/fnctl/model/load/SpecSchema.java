package dev.fnctl.model.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema (draft 2020-12) of the spec, for editors: {@code fnctl schema} prints it and
 * docs/fnctl.schema.json is a copy. It mirrors the loader's rules where a schema can express them;
 * the loader stays the judge (cron fields, references between sections, time zones).
 */
public final class SpecSchema {
  static final String RESOURCE = "/dev/fnctl/model/fnctl.schema.json";

  private SpecSchema() {}

  /** The schema as JSON text. */
  public static String text() {
    try (InputStream in = SpecSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null)
        throw new IllegalStateException(RESOURCE + " is missing from the fnctl-model jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
