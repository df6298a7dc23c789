package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.*;

import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack's HTTP API and its default stage (shared by every HTTP trigger), and per HTTP trigger
 * an integration, a route and the permission that lets API Gateway invoke the function.
 */
final class HttpLayout {
  private final StackLayout layout;
  private final StackNames names;

  HttpLayout(StackLayout layout) {
    this.layout = layout;
    this.names = layout.names();
  }

  /** The stack's HTTP API and its auto-deployed {@code $default} stage. */
  void httpBase() {
    Map<String, Object> api = new LinkedHashMap<>();
    api.put(HttpApiType.PROTOCOL, "HTTP");
    layout.add(Resource.of(layout.apiAddress(), API, names.stackItem(), api, List.of()));
    Map<String, Object> stage = new LinkedHashMap<>();
    stage.put(StageType.API, new Ref(layout.apiAddress(), ResourceType.ID));
    stage.put(StageType.AUTO_DEPLOY, true);
    layout.add(
        Resource.of(
            address(STAGE, names.httpApi() + "/$default"),
            STAGE,
            names.stackItem(),
            stage,
            List.of(layout.apiAddress())));
  }

  /** The resources of one {@code http} trigger of function {@code f}. */
  void trigger(Deployment d, FunctionSpec f, Trigger.Http h) {
    String item = "function " + f.name();
    String target = layout.invokeArn(f);
    List<String> targetDeps = layout.invokeDeps(f);
    String integration = address(INTEGRATION, names.httpApi() + "/" + f.name());
    Map<String, Object> ip = new LinkedHashMap<>();
    ip.put(IntegrationType.API, new Ref(layout.apiAddress(), ResourceType.ID));
    ip.put(IntegrationType.TYPE, "AWS_PROXY");
    ip.put(IntegrationType.URI, target);
    ip.put(IntegrationType.PAYLOAD_FORMAT, "2.0");
    layout.add(
        Resource.of(
            integration,
            INTEGRATION,
            item,
            ip,
            StackLayout.concat(List.of(layout.apiAddress()), targetDeps)));
    String routeKey = h.method().toUpperCase(java.util.Locale.ROOT) + " " + h.path();
    Map<String, Object> rp = new LinkedHashMap<>();
    rp.put(RouteType.API, new Ref(layout.apiAddress(), ResourceType.ID));
    rp.put(RouteType.ROUTE_KEY, routeKey);
    rp.put(RouteType.INTEGRATION, new Ref(integration, ResourceType.ID));
    rp.put(RouteType.AUTHORIZATION, "iam".equals(h.auth()) ? "AWS_IAM" : "NONE");
    layout.add(
        Resource.of(
            address(ROUTE, names.httpApi() + "/" + routeKey),
            ROUTE,
            item,
            rp,
            List.of(integration)));
    layout.permission(
        f,
        item,
        "fnctl-http",
        "apigateway.amazonaws.com",
        new Ref(layout.apiAddress(), ResourceType.ID),
        List.of(layout.apiAddress()));
  }
}
