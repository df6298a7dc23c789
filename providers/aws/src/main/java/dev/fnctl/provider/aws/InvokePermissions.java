package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.PERMISSION;

import dev.fnctl.model.json.Json;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Statements in a function's resource policy that let a service (API Gateway, S3, SNS) invoke it,
 * each from exactly one source. fnctl's statement ids start with {@code fnctl-}; others are left
 * alone. A warm function is invoked through its alias, whose resource policy is its own: there the
 * function is named {@code name:live} and every call carries the qualifier.
 */
final class InvokePermissions {
  static final String SID_PREFIX = "fnctl-";
  private final AwsSession s;

  InvokePermissions(AwsSession s) {
    this.s = s;
  }

  private LambdaClient lambda() {
    return s.clients.lambda.get();
  }

  /**
   * fnctl's statements in the policy of {@code function} ({@code name} or {@code name:qualifier}).
   * Statement ids cannot be tagged and a name prefix is not exact ({@code orders-dev-} is a prefix
   * of {@code orders-dev-eu-}), so a statement is this target's only when the function whose policy
   * holds it carries this stack's and target's tags ({@code ownedFunctions}).
   */
  @SuppressWarnings("unchecked")
  List<LiveResource> read(String function, Set<String> ownedFunctions) throws ProviderException {
    String name = StackNames.functionName(function);
    String qualifier = StackNames.qualifier(function);
    String policy;
    try {
      policy =
          s.call(
              "GetPolicy",
              function,
              () -> lambda().getPolicy(b -> b.functionName(name).qualifier(qualifier)).policy());
    } catch (ProviderException e) {
      if (e.getCause() instanceof ResourceNotFoundException) return List.of();
      throw e;
    }
    List<LiveResource> out = new ArrayList<>();
    Object raw = Json.parseObject(policy).get(PolicyDocuments.STATEMENT);
    List<Object> statements =
        raw instanceof List<?> l ? (List<Object>) l : raw == null ? List.of() : List.of(raw);
    String neutral = s.names.neutral(name);
    boolean owned = ownedFunctions.contains(name);
    for (Object o : statements) {
      Map<String, Object> st = (Map<String, Object>) o;
      String sid = String.valueOf(st.get(PolicyDocuments.SID));
      if (!sid.startsWith(SID_PREFIX)) continue;
      // The statement's Resource says whose policy it is part of (the function or an alias).
      String on =
          st.get(PolicyDocuments.RESOURCE) instanceof String r && r.contains(":function:")
              ? StackNames.qualifiedName(r)
              : function;
      Object principal = st.get(PolicyDocuments.PRINCIPAL);
      if (principal instanceof Map<?, ?> pm) principal = pm.get("Service");
      Map<String, Object> condition =
          st.get(PolicyDocuments.CONDITION) instanceof Map<?, ?> c
              ? (Map<String, Object>) c
              : Map.of();
      String sourceArn = conditionValue(condition, "ArnLike", "AWS:SourceArn");
      if (sourceArn == null) sourceArn = conditionValue(condition, "ArnEquals", "AWS:SourceArn");
      String sourceAccount = conditionValue(condition, "StringEquals", "AWS:SourceAccount");
      Map<String, Object> p = new LinkedHashMap<>();
      p.put(PermissionType.PRINCIPAL, String.valueOf(principal));
      if ("apigateway.amazonaws.com".equals(principal)
          && sourceArn != null
          && sourceArn.contains(":execute-api:")) {
        String rest = sourceArn.substring(sourceArn.lastIndexOf(':') + 1);
        p.put(PermissionType.API, rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
      } else {
        p.put(PermissionType.SOURCE, sourceArn);
        p.put(PermissionType.SOURCE_ACCOUNT, sourceAccount);
      }
      List<String> deps =
          StackNames.qualifier(on) == null
              ? List.of(AwsTypes.address(AwsTypes.FUNCTION, name))
              : List.of(
                  AwsTypes.address(AwsTypes.FUNCTION, name), AwsTypes.address(AwsTypes.ALIAS, on));
      out.add(
          new LiveResource(
                  AwsTypes.address(PERMISSION, on + "/" + sid),
                  PERMISSION,
                  "function " + (neutral == null ? name : neutral),
                  owned,
                  p,
                  Map.of(),
                  deps)
              .inContainer(AwsTypes.policyOf(on)));
    }
    return out;
  }

  private static String conditionValue(Map<String, Object> condition, String operator, String key) {
    if (condition.get(operator) instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (String.valueOf(e.getKey()).equalsIgnoreCase(key)) return String.valueOf(e.getValue());
      }
    }
    return null;
  }

  Map<String, Object> put(String function, String sid, Map<String, Object> after, boolean replace)
      throws ProviderException {
    if (replace) remove(function, sid);
    String principal = (String) after.get(PermissionType.PRINCIPAL);
    String source =
        after.containsKey(PermissionType.API)
            ? s.names.executeApiArn((String) after.get(PermissionType.API))
            : (String) after.get(PermissionType.SOURCE);
    String account = (String) after.get(PermissionType.SOURCE_ACCOUNT);
    try {
      add(function, sid, principal, source, account);
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof ResourceConflictException)) throw e;
      remove(function, sid);
      add(function, sid, principal, source, account);
    }
    return Map.of();
  }

  private void add(String function, String sid, String principal, String source, String account)
      throws ProviderException {
    s.callRetrying(
        "AddPermission",
        function + " " + sid,
        LambdaFunctions::isUpdateInProgress,
        () ->
            lambda()
                .addPermission(
                    b ->
                        b.functionName(StackNames.functionName(function))
                            .qualifier(StackNames.qualifier(function))
                            .statementId(sid)
                            .action("lambda:InvokeFunction")
                            .principal(principal)
                            .sourceArn(source)
                            .sourceAccount(account)));
  }

  void remove(String function, String sid) throws ProviderException {
    try {
      s.callRetrying(
          "RemovePermission",
          function + " " + sid,
          LambdaFunctions::isUpdateInProgress,
          () ->
              lambda()
                  .removePermission(
                      b ->
                          b.functionName(StackNames.functionName(function))
                              .qualifier(StackNames.qualifier(function))
                              .statementId(sid)));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof ResourceNotFoundException)) throw e;
    }
  }
}
