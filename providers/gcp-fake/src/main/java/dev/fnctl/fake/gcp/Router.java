package dev.fnctl.fake.gcp;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routes of every API the fake serves, read from the {@code google.api.http} option of each
 * method in the client libraries' proto descriptors: a path and verb no rule names is a 404, as
 * Google answers. Methods an API mixes in (IAM policies on topics, long-running operations) have
 * their bindings in the API's service configuration (the {@code http:} rules of e.g. {@code
 * pubsub_v1.yaml}), not in a proto of their own; those few are added with {@link #mixin}, each
 * citing its configuration file.
 */
final class Router {
  /** A route and the request fields its path bound. */
  record Match(Route route, Map<String, String> pathFields, Handler handler) {}

  /** What answers one RPC. */
  @FunctionalInterface
  interface Handler {
    com.google.protobuf.Message handle(RpcCall call);
  }

  private final List<Route> routes = new ArrayList<>();
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

  /** Adds every http-annotated method of a service. */
  void addService(ServiceDescriptor service) {
    for (MethodDescriptor method : service.getMethods()) {
      if (method.getOptions().hasExtension(AnnotationsProto.http)) {
        routes.addAll(Route.of(method, method.getOptions().getExtension(AnnotationsProto.http)));
      }
    }
    sort();
  }

  /**
   * Adds a mixin binding (IAMPolicy, Operations) the service config of an API (its host) declares.
   */
  void mixin(String api, MethodDescriptor method, HttpRule rule, Handler handler) {
    List<Route> added = Route.of(method, rule, api);
    routes.addAll(added);
    for (Route route : added) {
      handlers.put(key(route), handler);
    }
    sort();
  }

  /** Sets what answers an RPC, by its full name. */
  void handle(String rpcFullName, Handler handler) {
    handlers.put(rpcFullName, handler);
  }

  private void sort() {
    routes.sort(Comparator.comparingInt((Route r) -> r.path().specificity()).reversed());
  }

  private static String key(Route route) {
    return route.rpc() + " " + route.verb() + " " + route.path();
  }

  /** The most specific route matching the verb and raw path, or null. */
  Match find(String verb, String rawPath) {
    for (Route route : routes) {
      if (!route.verb().equals(verb)) {
        continue;
      }
      Map<String, String> bound = route.path().match(rawPath);
      if (bound != null) {
        Handler handler = handlers.getOrDefault(key(route), handlers.get(route.rpc()));
        return new Match(route, bound, handler);
      }
    }
    return null;
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }
}
