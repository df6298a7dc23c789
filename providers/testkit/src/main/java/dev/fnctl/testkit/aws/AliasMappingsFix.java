package dev.fnctl.testkit.aws;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fnctl.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Corrects one deviation of moto 5.2.1 from AWS on the way back from moto: an event source mapping
 * made for an alias ({@code FunctionName=...:function:NAME:live}) reports the alias's version in
 * its {@code FunctionArn} ({@code ...:NAME:1}), where AWS keeps the alias ARN it was given (that is
 * what lets the mapping follow the alias to every new version). Remembers, per mapping UUID, the
 * alias it was created or updated with and writes that back into Create, Update, Get and List
 * responses. Mappings made for a function without a qualifier are untouched.
 */
public final class AliasMappingsFix extends MotoExtension implements ResponseTransformerV2 {
  public static final String NAME = "fnctl-alias-mappings";
  public static final String PATH = "/2015-03-31/event-source-mappings/?.*";

  private final Map<String, String> aliasByUuid = new ConcurrentHashMap<>();

  AliasMappingsFix() {
    super(NAME);
  }

  public void reset() {
    aliasByUuid.clear();
  }

  @Override
  @SuppressWarnings("unchecked")
  public Response transform(Response response, ServeEvent event) {
    if (response.getStatus() / 100 != 2
        || response.getBody() == null
        || response.getBody().length == 0) return response;
    String method = event.getRequest().getMethod().getName();
    Map<String, Object> body =
        Json.parseObject(new String(response.getBody(), StandardCharsets.UTF_8));
    if (method.equals("POST") || method.equals("PUT")) {
      String requested = requestedFunction(event);
      String uuid = (String) body.get("UUID");
      if (requested != null && uuid != null) {
        if (isAlias(requested)) aliasByUuid.put(uuid, requested);
        else aliasByUuid.remove(uuid);
      }
    }
    if (body.containsKey("EventSourceMappings")) {
      for (Object o : (List<Object>) body.get("EventSourceMappings"))
        correct((Map<String, Object>) o);
    } else {
      correct(body);
    }
    // The body is rewritten, so moto's Content-Length no longer holds: a client that trusts it (a
    // proxy in front of this one) would wait for bytes that never come.
    java.util.List<com.github.tomakehurst.wiremock.http.HttpHeader> headers =
        new java.util.ArrayList<>();
    for (com.github.tomakehurst.wiremock.http.HttpHeader h : response.getHeaders().all())
      if (!h.key().equalsIgnoreCase("Content-Length")) headers.add(h);
    return Response.Builder.like(response)
        .but()
        .headers(new com.github.tomakehurst.wiremock.http.HttpHeaders(headers))
        .body(Json.writeCompact(body))
        .build();
  }

  private void correct(Map<String, Object> mapping) {
    String alias = aliasByUuid.get(String.valueOf(mapping.get("UUID")));
    if (alias != null) mapping.put("FunctionArn", alias);
  }

  private static String requestedFunction(ServeEvent event) {
    String raw = event.getRequest().getBodyAsString();
    if (raw == null || raw.isBlank()) return null;
    Object name = Json.parseObject(raw).get("FunctionName");
    return name instanceof String s && s.startsWith("arn:") ? s : null;
  }

  /**
   * {@code ...:function:NAME:QUALIFIER} with a qualifier that is an alias, not a version number or
   * $LATEST.
   */
  private static boolean isAlias(String arn) {
    String rest = arn.substring(arn.indexOf(":function:") + ":function:".length());
    int colon = rest.indexOf(':');
    if (colon < 0) return false;
    String qualifier = rest.substring(colon + 1);
    return !qualifier.equals("$LATEST") && !qualifier.chars().allMatch(Character::isDigit);
  }
}
