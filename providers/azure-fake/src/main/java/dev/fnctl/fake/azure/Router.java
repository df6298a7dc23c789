package dev.fnctl.fake.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The routes of every resource provider, matched against the path case-insensitively (ARM paths
 * are). Each route names the api-versions it serves, so the server can answer a missing or unknown
 * one as ARM does before the handler runs.
 */
final class Router {
  interface Handler {
    ArmResponse handle(ArmRequest request);
  }

  record Route(String method, Pattern pattern, Set<String> apiVersions, Handler handler) {}

  /** The path segment of an ARM name or id part. */
  static final String SEG = "[^/]+";

  private final List<Route> routes = new ArrayList<>();

  void add(String method, String regex, Set<String> apiVersions, Handler handler) {
    routes.add(
        new Route(method, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), apiVersions, handler));
  }

  /** The route for this method and path; throws ARM's error when none matches. */
  Route find(String method, String path) {
    boolean pathKnown = false;
    for (var route : routes) {
      if (route.pattern.matcher(path).matches()) {
        if (route.method.equals(method)) {
          return route;
        }
        pathKnown = true;
      }
    }
    if (pathKnown) {
      throw new ArmException(
          405,
          "HttpMethodNotSupported",
          "The requested resource does not support http method '" + method + "'.");
    }
    var providers =
        Pattern.compile("/providers/([^/]+)/([^/]+)", Pattern.CASE_INSENSITIVE).matcher(path);
    if (providers.find()) {
      throw ArmException.badRequest(
          "InvalidResourceType",
          "The resource type '"
              + providers.group(2)
              + "' could not be found in the namespace '"
              + providers.group(1)
              + "' (this fake serves only the types docs/testing.md lists).");
    }
    throw ArmException.notFound(
        "NotFound", "No HTTP resource was found that matches the request URI '" + path + "'.");
  }
}
