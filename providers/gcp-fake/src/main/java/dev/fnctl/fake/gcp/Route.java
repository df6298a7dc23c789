package dev.fnctl.fake.gcp;

import com.google.api.ClientProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.MethodDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP binding of one RPC: the verb, the path template and which request field the body fills
 * ({@code "*"} for the whole request, empty for none), as a google.api.http rule says.
 */
record Route(MethodDescriptor method, String verb, PathTemplate path, String body, String api) {

  /**
   * Every binding of a rule: its own and its additional_bindings, for the API of the method's
   * service.
   */
  static List<Route> of(MethodDescriptor method, HttpRule rule) {
    return of(method, rule, method.getService().getOptions().getExtension(ClientProto.defaultHost));
  }

  /** Every binding of a rule, for the API (its host, e.g. pubsub.googleapis.com) that binds it. */
  static List<Route> of(MethodDescriptor method, HttpRule rule, String api) {
    List<Route> routes = new ArrayList<>();
    Route main = single(method, rule, api);
    if (main != null) {
      routes.add(main);
    }
    for (HttpRule extra : rule.getAdditionalBindingsList()) {
      Route route = single(method, extra, api);
      if (route != null) {
        routes.add(route);
      }
    }
    return routes;
  }

  private static Route single(MethodDescriptor method, HttpRule rule, String api) {
    String verb;
    String path;
    switch (rule.getPatternCase()) {
      case GET -> {
        verb = "GET";
        path = rule.getGet();
      }
      case POST -> {
        verb = "POST";
        path = rule.getPost();
      }
      case PUT -> {
        verb = "PUT";
        path = rule.getPut();
      }
      case PATCH -> {
        verb = "PATCH";
        path = rule.getPatch();
      }
      case DELETE -> {
        verb = "DELETE";
        path = rule.getDelete();
      }
      case CUSTOM -> {
        verb = rule.getCustom().getKind();
        path = rule.getCustom().getPath();
      }
      default -> {
        return null;
      }
    }
    return new Route(method, verb, new PathTemplate(path), rule.getBody(), api);
  }

  /** The RPC's full name, {@code google.cloud.functions.v2.FunctionService.CreateFunction}. */
  String rpc() {
    return method.getFullName();
  }
}
