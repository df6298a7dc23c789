package dev.fnctl.provider.gcp;

import java.net.URI;
import java.net.URISyntaxException;

/** Where each Google API is reached: Google's own hosts, or one override for every API (a fake). */
final class GcpEndpoints {
  private GcpEndpoints() {}

  static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null
          && !uri.getHost().isBlank();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * Whether an endpoint is a plain-http loopback URL, as emulators and fakes serve: no credentials
   * are sent there (the emulators' convention), and none are needed.
   */
  static boolean isLocalEmulator(String endpoint) {
    if (endpoint == null) return false;
    try {
      URI uri = new URI(endpoint);
      String host = uri.getHost();
      return "http".equalsIgnoreCase(uri.getScheme())
          && host != null
          && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The base URL of one API: the override, or Google's host for it. */
  static String base(String override, String host) {
    if (override != null) return strip(override);
    return "https://" + host;
  }

  static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
