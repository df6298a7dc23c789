package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.API;
import static dev.fnctl.provider.aws.AwsTypes.INTEGRATION;
import static dev.fnctl.provider.aws.AwsTypes.ROUTE;
import static dev.fnctl.provider.aws.AwsTypes.STAGE;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.Integration;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.Route;
import software.amazon.awssdk.services.apigatewayv2.model.Stage;

/**
 * One API Gateway v2 HTTP API per stack and target: a {@code $default} stage that deploys on every
 * change, an AWS_PROXY integration per function and a route per http trigger. The API is found by
 * name among GetApis (which returns tags), then its routes, integrations and stages are read with
 * one call each.
 */
final class HttpApis {
  private final AwsSession s;

  HttpApis(AwsSession s) {
    this.s = s;
  }

  private ApiGatewayV2Client apis() {
    return s.clients.apis.get();
  }

  List<LiveResource> read() throws ProviderException {
    String name = s.names.httpApi();
    List<Api> found = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      var page =
          s.call("GetApis", name, () -> apis().getApis(b -> b.maxResults("500").nextToken(t)));
      for (Api a : page.items()) if (name.equals(a.name())) found.add(a);
      token = page.nextToken();
    } while (token != null);
    List<LiveResource> out = new ArrayList<>();
    if (found.isEmpty()) return out;
    Api api = found.stream().filter(this::owned).findFirst().orElse(found.get(0));
    List<LiveResource> copies = new ArrayList<>();
    for (Api a : found) {
      // A second owned API of the stack's name (a create whose reply was lost) is not wanted.
      if (a != api && owned(a))
        copies.add(
            new LiveResource(
                Address.of(API, name).copy(a.apiId()).toString(),
                API,
                s.names.stackItem(),
                true,
                Map.of(HttpApiType.PROTOCOL, a.protocolTypeAsString()),
                Map.of(ResourceType.ID, a.apiId(), HttpApiType.ENDPOINT, "")));
    }
    boolean owned = owned(api);
    String apiAddress = AwsTypes.address(API, name);
    Map<String, Object> ap = new LinkedHashMap<>();
    ap.put(HttpApiType.PROTOCOL, api.protocolTypeAsString());
    out.add(
        new LiveResource(
            apiAddress,
            API,
            s.names.stackItem(),
            owned,
            ap,
            Map.of(
                ResourceType.ID,
                api.apiId(),
                HttpApiType.ENDPOINT,
                api.apiEndpoint() == null ? "" : api.apiEndpoint())));
    if (!owned) return out;
    out.addAll(copies);
    String id = api.apiId();
    var results =
        s.parallel(
            List.of(
                () ->
                    s.call(
                        "GetStages",
                        name,
                        () -> apis().getStages(b -> b.apiId(id).maxResults("500")).items()),
                () ->
                    s.call(
                        "GetIntegrations",
                        name,
                        () -> apis().getIntegrations(b -> b.apiId(id).maxResults("500")).items()),
                () ->
                    s.call(
                        "GetRoutes",
                        name,
                        () -> apis().getRoutes(b -> b.apiId(id).maxResults("500")).items())));
    @SuppressWarnings("unchecked")
    List<Stage> stages = (List<Stage>) results.get(0);
    @SuppressWarnings("unchecked")
    List<Integration> integrations = (List<Integration>) results.get(1);
    @SuppressWarnings("unchecked")
    List<Route> routes = (List<Route>) results.get(2);
    for (Stage st : stages) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put(StageType.API, id);
      p.put(StageType.AUTO_DEPLOY, Boolean.TRUE.equals(st.autoDeploy()));
      out.add(
          new LiveResource(
              AwsTypes.address(STAGE, name + "/" + st.stageName()),
              STAGE,
              s.names.stackItem(),
              true,
              p,
              Map.of(StageType.NAME, st.stageName()),
              List.of(apiAddress)));
    }
    Map<String, String> integrationFunction = new HashMap<>();
    // Copies made by a create whose reply was lost get addresses of their own, so the plan deletes
    // them; the one a route uses is the one kept.
    Set<String> routed = new HashSet<>();
    for (Route r : routes) routed.add(integrationOf(r));
    List<Integration> ordered = new ArrayList<>(integrations);
    ordered.sort(Comparator.comparing(i -> routed.contains(i.integrationId()) ? 0 : 1));
    Set<String> taken = new HashSet<>();
    for (Integration i : ordered) {
      String uri = i.integrationUri() == null ? "" : i.integrationUri();
      String fn = StackNames.functionName(uri);
      String neutral = s.names.neutral(fn);
      if (neutral == null) continue;
      integrationFunction.put(i.integrationId(), neutral);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put(IntegrationType.API, id);
      p.put(IntegrationType.TYPE, i.integrationTypeAsString());
      p.put(IntegrationType.URI, uri);
      p.put(IntegrationType.PAYLOAD_FORMAT, i.payloadFormatVersion());
      out.add(
          new LiveResource(
              unique(taken, AwsTypes.address(INTEGRATION, name + "/" + neutral), i.integrationId()),
              INTEGRATION,
              "function " + neutral,
              true,
              p,
              Map.of(ResourceType.ID, i.integrationId()),
              List.of(apiAddress, AwsTypes.address(AwsTypes.FUNCTION, fn))));
    }
    for (Route r : routes) {
      String integrationId = integrationOf(r);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put(RouteType.API, id);
      p.put(RouteType.ROUTE_KEY, r.routeKey());
      p.put(RouteType.INTEGRATION, integrationId);
      p.put(
          RouteType.AUTHORIZATION,
          r.authorizationTypeAsString() == null ? "NONE" : r.authorizationTypeAsString());
      String fn = integrationFunction.get(integrationId);
      out.add(
          new LiveResource(
              unique(taken, AwsTypes.address(ROUTE, name + "/" + r.routeKey()), r.routeId()),
              ROUTE,
              fn == null ? s.names.stackItem() : "function " + fn,
              true,
              p,
              Map.of(ResourceType.ID, r.routeId()),
              fn == null
                  ? List.of(apiAddress)
                  : List.of(apiAddress, AwsTypes.address(INTEGRATION, name + "/" + fn))));
    }
    return out;
  }

  /**
   * The address, or for a second copy of the same resource the address with the copy's id ({@code
   * <address>#<id>}, see {@link Address#copy}).
   */
  static String unique(Set<String> taken, String address, String id) {
    return taken.add(address) ? address : Address.parse(address).copy(id).toString();
  }

  private static String integrationOf(Route r) {
    String target = r.target() == null ? "" : r.target();
    return target.startsWith("integrations/") ? target.substring("integrations/".length()) : target;
  }

  private boolean owned(Api a) {
    Map<String, String> tags = a.tags() == null ? Map.of() : a.tags();
    return s.names.stack().equals(tags.get(StackNames.STACK_TAG))
        && s.names.target().equals(tags.get(StackNames.TARGET_TAG));
  }

  Map<String, Object> createApi(String name) throws ProviderException {
    var r =
        s.call(
            "CreateApi",
            name,
            () ->
                apis()
                    .createApi(
                        b ->
                            b.name(name)
                                .protocolType(ProtocolType.HTTP)
                                .tags(
                                    Map.of(
                                        StackNames.STACK_TAG,
                                        s.names.stack(),
                                        StackNames.TARGET_TAG,
                                        s.names.target()))));
    // CreateApi has no idempotency token: a retried request whose first reply was lost makes a
    // second API of the same name. Keep the one this call returned, delete the copies.
    List<Api> copies = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      var page =
          s.call("GetApis", name, () -> apis().getApis(b -> b.maxResults("500").nextToken(t)));
      for (Api a : page.items())
        if (name.equals(a.name()) && owned(a) && !a.apiId().equals(r.apiId())) copies.add(a);
      token = page.nextToken();
    } while (token != null);
    for (Api copy : copies) deleteApi(name, copy.apiId());
    return Map.of(
        ResourceType.ID,
        r.apiId(),
        HttpApiType.ENDPOINT,
        r.apiEndpoint() == null ? "" : r.apiEndpoint());
  }

  void deleteApi(String name, String id) throws ProviderException {
    try {
      s.call("DeleteApi", name, () -> apis().deleteApi(b -> b.apiId(id)));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof NotFoundException)) throw e;
    }
  }

  Map<String, Object> putStage(
      String address, String stage, Map<String, Object> after, boolean create)
      throws ProviderException {
    String api = (String) after.get(StageType.API);
    boolean auto = (Boolean) after.get(StageType.AUTO_DEPLOY);
    if (create) {
      try {
        s.call(
            "CreateStage",
            address,
            () -> apis().createStage(b -> b.apiId(api).stageName(stage).autoDeploy(auto)));
        return Map.of(StageType.NAME, stage);
      } catch (ProviderException e) {
        if (!(e.getCause()
            instanceof software.amazon.awssdk.services.apigatewayv2.model.ConflictException))
          throw e;
      }
    }
    s.call(
        "UpdateStage",
        address,
        () -> apis().updateStage(b -> b.apiId(api).stageName(stage).autoDeploy(auto)));
    return Map.of(StageType.NAME, stage);
  }

  void deleteStage(String address, String api, String stage) throws ProviderException {
    try {
      s.call("DeleteStage", address, () -> apis().deleteStage(b -> b.apiId(api).stageName(stage)));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof NotFoundException)) throw e;
    }
  }

  Map<String, Object> putIntegration(String address, Map<String, Object> after, String existingId)
      throws ProviderException {
    String api = (String) after.get(IntegrationType.API);
    String uri = (String) after.get(IntegrationType.URI);
    String type = (String) after.get(IntegrationType.TYPE);
    String format = (String) after.get(IntegrationType.PAYLOAD_FORMAT);
    if (existingId == null) {
      String id =
          s.call(
              "CreateIntegration",
              address,
              () ->
                  apis()
                      .createIntegration(
                          b ->
                              b.apiId(api)
                                  .integrationType(type)
                                  .integrationUri(uri)
                                  .payloadFormatVersion(format))
                      .integrationId());
      // No idempotency token here either: remove copies a retried request made.
      for (Integration i :
          s.call(
              "GetIntegrations",
              address,
              () -> apis().getIntegrations(b -> b.apiId(api).maxResults("500")).items())) {
        if (uri.equals(i.integrationUri()) && !id.equals(i.integrationId()))
          deleteIntegration(address, api, i.integrationId());
      }
      return Map.of(ResourceType.ID, id);
    }
    s.call(
        "UpdateIntegration",
        address,
        () ->
            apis()
                .updateIntegration(
                    b ->
                        b.apiId(api)
                            .integrationId(existingId)
                            .integrationType(type)
                            .integrationUri(uri)
                            .payloadFormatVersion(format)));
    return Map.of(ResourceType.ID, existingId);
  }

  void deleteIntegration(String address, String api, String id) throws ProviderException {
    try {
      s.call(
          "DeleteIntegration",
          address,
          () -> apis().deleteIntegration(b -> b.apiId(api).integrationId(id)));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof NotFoundException)) throw e;
    }
  }

  Map<String, Object> putRoute(String address, Map<String, Object> after, String existingId)
      throws ProviderException {
    String api = (String) after.get(RouteType.API);
    String key = (String) after.get(RouteType.ROUTE_KEY);
    String target = "integrations/" + after.get(RouteType.INTEGRATION);
    String auth = (String) after.get(RouteType.AUTHORIZATION);
    if (existingId == null) {
      String id =
          s.call(
              "CreateRoute",
              address,
              () ->
                  apis()
                      .createRoute(
                          b -> b.apiId(api).routeKey(key).target(target).authorizationType(auth))
                      .routeId());
      // A retried request whose first reply was lost may have made a second route of this key.
      for (Route r :
          s.call(
              "GetRoutes",
              address,
              () -> apis().getRoutes(b -> b.apiId(api).maxResults("500")).items())) {
        if (key.equals(r.routeKey()) && !id.equals(r.routeId()))
          deleteRoute(address, api, r.routeId());
      }
      return Map.of(ResourceType.ID, id);
    }
    s.call(
        "UpdateRoute",
        address,
        () ->
            apis()
                .updateRoute(
                    b ->
                        b.apiId(api)
                            .routeId(existingId)
                            .routeKey(key)
                            .target(target)
                            .authorizationType(auth)));
    return Map.of(ResourceType.ID, existingId);
  }

  void deleteRoute(String address, String api, String id) throws ProviderException {
    try {
      s.call("DeleteRoute", address, () -> apis().deleteRoute(b -> b.apiId(api).routeId(id)));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof NotFoundException)) throw e;
    }
  }
}
