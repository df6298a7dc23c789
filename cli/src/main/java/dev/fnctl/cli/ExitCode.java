package dev.fnctl.cli;

/**
 * The exit-code contract, in one place. CI systems branch on these, so they never change meaning:
 *
 * <ul>
 *   <li>{@link #OK} 0: success; with {@code plan --detailed-exitcode}, success and no changes.
 *   <li>{@link #ERROR} 1: the cloud or the run failed: an API error, an apply or destroy that did
 *       not finish (a change failed, or Ctrl-C/SIGTERM stopped it), a held lock, a stale saved
 *       plan, a refused or cancelled confirmation.
 *   <li>{@link #CHANGES} 2: only with {@code plan --detailed-exitcode}: success, and there are
 *       changes to apply.
 *   <li>{@link #INVALID} 3: the input is wrong: spec problems or a bad command line. Nothing was
 *       touched.
 * </ul>
 */
public final class ExitCode {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int CHANGES = 2;
  public static final int INVALID = 3;

  private ExitCode() {}
}
