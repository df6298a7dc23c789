package dev.fnctl.provider;

import java.util.function.UnaryOperator;

/**
 * Read-modify-write of a document the cloud replaces whole (see {@link Resource#container()}): read
 * it with its version, change only fnctl's own entries, write it back on the condition that the
 * version is still the one read, and on a conflict read again and redo the change, a bounded number
 * of times. Entries fnctl does not own are carried over untouched, so another tool's notification,
 * app setting or IAM binding survives.
 *
 * <p>The version is the cloud's concurrency control: an etag sent as {@code If-Match}, a GCP IAM
 * policy's {@code etag}, a Lambda policy's revision id. Where the cloud has none (S3's notification
 * configuration), it is null and the write is unconditional: the engine's one-step-per-container
 * rule still keeps fnctl's own writes apart.
 *
 * @param <D> the document's type, whatever the provider's SDK uses
 */
public final class SharedDocument<D> {

  /** Conflicts retried before giving up: others rarely write the same document in a burst. */
  public static final int DEFAULT_ATTEMPTS = 5;

  /** A document and the version it was read at (null when the cloud keeps none). */
  public record Versioned<D>(D document, String version) {}

  @FunctionalInterface
  public interface Reader<D> {
    /** The document now; a missing document is the provider's empty one, never null. */
    Versioned<D> read() throws ProviderException;
  }

  @FunctionalInterface
  public interface Writer<D> {
    /**
     * Writes {@code next} if the document is still at {@code version} (unconditionally when it is
     * null). A version that no longer matches must be thrown as {@link
     * ProviderException.Kind#CONFLICT}.
     */
    void write(D next, String version) throws ProviderException;
  }

  private final String container;
  private final Reader<D> reader;
  private final Writer<D> writer;
  private final int attempts;

  public SharedDocument(String container, Reader<D> reader, Writer<D> writer, int attempts) {
    if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
    this.container = container;
    this.reader = reader;
    this.writer = writer;
    this.attempts = attempts;
  }

  public SharedDocument(String container, Reader<D> reader, Writer<D> writer) {
    this(container, reader, writer, DEFAULT_ATTEMPTS);
  }

  /**
   * Applies {@code change} to the current document and writes the result. {@code change} gets the
   * document as read and returns the next one, or null when nothing needs writing; it may run more
   * than once (after a conflict), so it must not have side effects. Returns the document as written
   * (or as read, when nothing needed writing).
   */
  public D update(UnaryOperator<D> change) throws ProviderException {
    ProviderException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Versioned<D> now = reader.read();
      D next = change.apply(now.document());
      if (next == null) return now.document();
      try {
        writer.write(next, now.version());
        return next;
      } catch (ProviderException e) {
        if (e.kind() != ProviderException.Kind.CONFLICT) throw e;
        last = e;
      }
    }
    throw new ProviderException(
        ProviderException.Kind.CONFLICT,
        container
            + ": changed by someone else "
            + attempts
            + " times while fnctl wrote it; run apply again ("
            + last.getMessage()
            + ")",
        last);
  }
}
