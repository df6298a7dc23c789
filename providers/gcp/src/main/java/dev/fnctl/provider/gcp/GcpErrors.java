package dev.fnctl.provider.gcp;

import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.ProviderException.Kind;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every Google error becomes a {@link ProviderException} here, in one place: the client libraries'
 * {@code ApiException}, Cloud Storage's {@code StorageException} and the REST client's failures all
 * come down to an HTTP status, Google's status word, a message and the {@code ErrorInfo} reason.
 */
final class GcpErrors {
  private GcpErrors() {}

  private static final Pattern PERMISSION =
      Pattern.compile("[Pp]ermission '?([a-z]+\\.[A-Za-z]+\\.[A-Za-z]+)'? denied");

  /** What one failed call said, whatever the client. */
  record Said(
      int http, String status, String message, String reason, Map<String, String> metadata) {}

  static ProviderException failure(String what, Throwable e) {
    if (e instanceof ProviderException p) return p;
    Throwable io = network(e);
    if (io != null)
      return new ProviderException(
          Kind.OTHER,
          what
              + ": cannot reach Google Cloud ("
              + io.getClass().getSimpleName()
              + (io.getMessage() == null ? "" : ": " + oneLine(io.getMessage()))
              + "); check the network and the target's endpoint",
          e);
    Said s = said(e);
    if (s == null)
      return new ProviderException(
          Kind.OTHER,
          what
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage())),
          e);
    if ("SERVICE_DISABLED".equals(s.reason())
        || (s.message() != null && s.message().contains("has not been used in project"))) {
      String service = s.metadata().getOrDefault("service", serviceIn(s.message()));
      return new ProviderException(
          Kind.PERMISSION_DENIED,
          what
              + ": the "
              + service
              + " API is disabled in the project; enable it (gcloud services enable "
              + service
              + ") and run again",
          null,
          e);
    }
    Kind kind = kind(s);
    String message = what + ": " + oneLine(s.message());
    if (kind == Kind.PERMISSION_DENIED) {
      Matcher m = PERMISSION.matcher(s.message() == null ? "" : s.message());
      String permission = m.find() ? m.group(1) : s.metadata().get("permission");
      if (s.http() == 401)
        message =
            what
                + ": Google refused the credentials; run 'gcloud auth application-default login'"
                + " or set GOOGLE_APPLICATION_CREDENTIALS";
      return new ProviderException(
          kind,
          message + (permission == null ? "" : " (missing permission: " + permission + ")"),
          permission,
          e);
    }
    return new ProviderException(kind, message, e);
  }

  static Kind kind(Said s) {
    String st = s.status() == null ? "" : s.status();
    int h = s.http();
    if (h == 429
        || h == 503
        || h == 504
        || st.equals("UNAVAILABLE")
        || st.equals("DEADLINE_EXCEEDED")) return Kind.THROTTLED;
    if (st.equals("RESOURCE_EXHAUSTED"))
      return s.message() != null && s.message().toLowerCase().contains("quota")
          ? Kind.QUOTA
          : Kind.THROTTLED;
    if (h == 401 || h == 403 || st.equals("PERMISSION_DENIED") || st.equals("UNAUTHENTICATED"))
      return Kind.PERMISSION_DENIED;
    if (h == 404 || st.equals("NOT_FOUND")) return Kind.NOT_FOUND;
    if (h == 409
        || h == 412
        || st.equals("ABORTED")
        || st.equals("ALREADY_EXISTS")
        || st.equals("FAILED_PRECONDITION")) return Kind.CONFLICT;
    if (h == 400 || st.equals("INVALID_ARGUMENT")) return Kind.INVALID;
    return Kind.OTHER;
  }

  static boolean notFound(Throwable e) {
    Said s = said(e);
    return s != null && kind(s) == Kind.NOT_FOUND;
  }

  static boolean alreadyExists(Throwable e) {
    Said s = said(e);
    return s != null && (s.http() == 409 || "ALREADY_EXISTS".equals(s.status()));
  }

  static Said said(Throwable e) {
    if (e instanceof com.google.api.gax.rpc.ApiException a) {
      var code = a.getStatusCode().getCode();
      Map<String, String> md = a.getMetadata() == null ? Map.of() : a.getMetadata();
      return new Said(code.getHttpStatusCode(), code.name(), a.getMessage(), a.getReason(), md);
    }
    if (e instanceof com.google.cloud.BaseServiceException b) {
      return new Said(b.getCode(), null, b.getMessage(), b.getReason(), Map.of());
    }
    if (e instanceof GoogleRest.Failure f) {
      return new Said(f.status, f.googleStatus, f.getMessage(), f.reason, f.metadata);
    }
    if (e != null && e.getCause() != null && e.getCause() != e) return said(e.getCause());
    return null;
  }

  /** The network failure under {@code e} (connection refused, unknown host, timeout), if any. */
  static Throwable network(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause())
      if (t instanceof java.net.ConnectException
          || t instanceof java.net.UnknownHostException
          || t instanceof java.net.http.HttpConnectTimeoutException
          || t instanceof java.net.SocketTimeoutException) return t;
    return null;
  }

  private static String serviceIn(String message) {
    if (message == null) return "required";
    Matcher m = Pattern.compile("([a-z]+\\.googleapis\\.com)").matcher(message);
    return m.find() ? m.group(1) : "required";
  }

  static String oneLine(String s) {
    if (s == null) return "no message";
    String line = s.strip().lines().findFirst().orElse("");
    return line.length() > 400 ? line.substring(0, 400) + "..." : line;
  }
}
