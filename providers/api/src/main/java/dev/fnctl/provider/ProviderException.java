package dev.fnctl.provider;

/**
 * A cloud said no, or could not be reached. The message is for the user: one line naming the
 * resource and the call, and what to do. The CLI prints it without a stack trace (exit 1).
 */
public class ProviderException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProviderException(String message) {
    super(message);
  }

  public ProviderException(String message, Throwable cause) {
    super(message, cause);
  }
}
