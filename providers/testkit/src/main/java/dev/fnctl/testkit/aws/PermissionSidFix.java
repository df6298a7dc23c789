package dev.fnctl.testkit.aws;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fnctl.model.json.Json;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Corrects one deviation of moto 5.2.1 from AWS before the request reaches moto: Lambda's
 * AddPermission with a statement id the policy already holds adds a second statement, where AWS
 * answers 409 ResourceConflictException ("The statement id (...) provided already exists", API
 * reference, AddPermission errors). Without this, a retried AddPermission whose first reply was
 * lost would leave two statements on moto that AWS would never hold. Asks moto for the policy
 * (GetPolicy, with the same qualifier) and answers as AWS would when the id is taken.
 */
public final class PermissionSidFix extends MotoExtension
    implements ResponseDefinitionTransformerV2 {
  public static final String NAME = "fnctl-permission-sid";
  public static final String PATH = "/2015-03-31/functions/[^/]+/policy/?";

  private final MotoLookup moto;

  PermissionSidFix(MotoLookup moto) {
    super(NAME);
    this.moto = moto;
  }

  @Override
  @SuppressWarnings("unchecked")
  public ResponseDefinition transform(ServeEvent event) {
    ResponseDefinition pass = event.getResponseDefinition();
    String body = event.getRequest().getBodyAsString();
    if (body == null || body.isBlank()) return pass;
    Object sid = Json.parseObject(body).get("StatementId");
    if (!(sid instanceof String id)) return pass;
    URI url = URI.create(event.getRequest().getUrl());
    String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    var policy = moto.get(path, event.getRequest().getHeader("Authorization"));
    if (policy.isEmpty()) return pass;
    Object doc = Json.parseObject(policy.get()).get("Policy");
    if (!(doc instanceof String text)) return pass;
    Object statements = Json.parseObject(text).get("Statement");
    List<Object> list =
        statements instanceof List<?> l
            ? (List<Object>) l
            : statements == null ? List.of() : List.of(statements);
    String qualifier = qualifier(url.getRawQuery());
    for (Object o : list) {
      // moto keeps the function's and its aliases' statements in one policy; AWS keeps a policy per
      // qualifier, so only a statement on the same qualifier (its Resource says which) conflicts.
      if (o instanceof Map<?, ?> st
          && id.equals(st.get("Sid"))
          && java.util.Objects.equals(qualifier, resourceQualifier(st.get("Resource")))) {
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
            .withStatus(409)
            .withHeader("Content-Type", "application/json")
            .withHeader("x-amzn-ErrorType", "ResourceConflictException")
            .withBody(
                Json.writeCompact(
                    Map.of(
                        "Type",
                        "User",
                        "message",
                        "The statement id ("
                            + id
                            + ") provided already exists. Please provide a"
                            + " new statement id, or remove the existing statement.")))
            .build();
      }
    }
    return pass;
  }

  private static String qualifier(String query) {
    if (query == null) return null;
    for (String part : query.split("&")) {
      if (part.startsWith("Qualifier="))
        return java.net.URLDecoder.decode(
            part.substring("Qualifier=".length()), java.nio.charset.StandardCharsets.UTF_8);
    }
    return null;
  }

  /** {@code live} of {@code arn:...:function:NAME:live}, null for an unqualified function ARN. */
  private static String resourceQualifier(Object resource) {
    if (!(resource instanceof String arn) || !arn.contains(":function:")) return null;
    String rest = arn.substring(arn.indexOf(":function:") + ":function:".length());
    int colon = rest.indexOf(':');
    return colon < 0 ? null : rest.substring(colon + 1);
  }
}
