package dev.fnctl.provider;

/**
 * A cloud said no, or could not be reached. The message is for the user: one line naming the
 * resource and the call, and what to do. The CLI prints it without a stack trace (exit 1).
 *
 * <p>Every failure has a {@link Kind}, so the engine and the views treat a throttled call, a
 * missing permission or an exhausted quota the same way on every cloud; each provider maps its
 * SDK's errors to kinds in one place (the AWS provider in its session's call wrapper). A provider
 * that cannot tell leaves it {@link Kind#OTHER}.
 */
public class ProviderException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, in the words the apply report uses. */
  public enum Kind {
    /**
     * Throttled, or the service was briefly unavailable: the SDK's own retries ran out; the same
     * request later may well succeed.
     */
    THROTTLED("throttled", true),
    /**
     * Someone else changed it at the same moment (an etag that no longer matches, an operation
     * already running on the resource): re-reading and trying again may succeed.
     */
    CONFLICT("conflict", true),
    /** It is not there (any more). */
    NOT_FOUND("not found", false),
    /** The credentials may not do this; {@link #permission()} names what is missing if known. */
    PERMISSION_DENIED("permission denied", false),
    /** An account or service limit was reached; the message says which when the cloud does. */
    QUOTA("quota exceeded", false),
    /** The cloud refused the request as invalid: a bug in fnctl or a value the spec let through. */
    INVALID("invalid request", false),
    /** The step ran longer than its timeout; the cloud may still finish it. */
    TIMEOUT("timed out", true),
    /** The user interrupted apply while the step was waiting; the cloud may still finish it. */
    CANCELLED("cancelled", true),
    /** Anything else (a network failure, an error the provider does not classify). */
    OTHER("failed", false);

    private final String word;
    private final boolean retryable;

    Kind(String word, boolean retryable) {
      this.word = word;
      this.retryable = retryable;
    }

    /** How the apply report names it: "permission denied". */
    public String word() {
      return word;
    }

    /** Whether running apply again unchanged may succeed. */
    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;
  private final String permission;

  public ProviderException(String message) {
    this(Kind.OTHER, message, null, null);
  }

  public ProviderException(String message, Throwable cause) {
    this(kindOf(cause), message, null, cause);
  }

  public ProviderException(Kind kind, String message) {
    this(kind, message, null, null);
  }

  public ProviderException(Kind kind, String message, Throwable cause) {
    this(kind, message, null, cause);
  }

  /**
   * @param permission the permission the cloud says is missing ({@code lambda:ListTags}), for
   *     {@link Kind#PERMISSION_DENIED}; null when not known
   */
  public ProviderException(Kind kind, String message, String permission, Throwable cause) {
    super(message, cause);
    this.kind = kind == null ? Kind.OTHER : kind;
    this.permission = permission;
  }

  public Kind kind() {
    return kind;
  }

  /** The missing permission, when the cloud named it; null otherwise. */
  public String permission() {
    return permission;
  }

  /** A wrapped provider exception keeps its kind, so rewording a message does not lose it. */
  private static Kind kindOf(Throwable cause) {
    return cause instanceof ProviderException p ? p.kind() : Kind.OTHER;
  }
}
