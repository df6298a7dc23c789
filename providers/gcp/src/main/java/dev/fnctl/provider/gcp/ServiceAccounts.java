package dev.fnctl.provider.gcp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IAM service accounts through the IAM REST API ({@code iam.googleapis.com/v1}). Service accounts
 * take no labels, so the stack's own carry {@link GcpNames#ownershipDescription()} as their
 * description, compared exactly.
 */
final class ServiceAccounts {
  private final GcpSession session;

  ServiceAccounts(GcpSession session) {
    this.session = session;
  }

  private String base() {
    return session.base("iam.googleapis.com")
        + "/v1/projects/"
        + session.names.project()
        + "/serviceAccounts";
  }

  private String email(String id) {
    return session.names.serviceAccountEmail(id);
  }

  /** Every service account of the project the stack owns, plus those at {@code wanted} ids. */
  List<LiveResource> list(Set<String> wanted) throws ProviderException {
    List<LiveResource> out = new ArrayList<>();
    String token = null;
    do {
      String url = base() + "?pageSize=100" + (token == null ? "" : "&pageToken=" + token);
      JsonObject page = session.call("list service accounts", () -> session.rest().get(url));
      if (page.has("accounts"))
        for (JsonElement e : page.getAsJsonArray("accounts")) {
          JsonObject a = e.getAsJsonObject();
          String mail = a.get("email").getAsString();
          String id = mail.substring(0, mail.indexOf('@'));
          boolean owned =
              a.has("description")
                  && session
                      .names
                      .ownershipDescription()
                      .equals(a.get("description").getAsString());
          if (!owned && !wanted.contains(id)) continue;
          Map<String, Object> p = new LinkedHashMap<>();
          p.put(
              ServiceAccountType.DISPLAY_NAME,
              a.has("displayName") ? a.get("displayName").getAsString() : "");
          out.add(
              new LiveResource(
                  GcpTypes.address(GcpTypes.SERVICE_ACCOUNT, id),
                  GcpTypes.SERVICE_ACCOUNT,
                  null,
                  owned,
                  p,
                  Map.of(ServiceAccountType.EMAIL, mail)));
        }
      token = page.has("nextPageToken") ? page.get("nextPageToken").getAsString() : null;
      if (token != null && token.isEmpty()) token = null;
    } while (token != null);
    return out;
  }

  Map<String, Object> create(String id, String displayName) throws ProviderException {
    JsonObject account = new JsonObject();
    account.addProperty("displayName", displayName);
    account.addProperty("description", session.names.ownershipDescription());
    JsonObject body = new JsonObject();
    body.addProperty("accountId", id);
    body.add("serviceAccount", account);
    try {
      session.rest().post(base(), body);
    } catch (Exception e) {
      if (!GcpErrors.alreadyExists(e)) throw GcpErrors.failure("create service account " + id, e);
      return update(id, displayName);
    }
    return Map.of(ServiceAccountType.EMAIL, email(id));
  }

  Map<String, Object> update(String id, String displayName) throws ProviderException {
    JsonObject account = new JsonObject();
    account.addProperty("displayName", displayName);
    account.addProperty("description", session.names.ownershipDescription());
    JsonObject body = new JsonObject();
    body.add("serviceAccount", account);
    body.addProperty("updateMask", "displayName,description");
    session.call(
        "update service account " + id, () -> session.rest().patch(base() + "/" + email(id), body));
    return Map.of(ServiceAccountType.EMAIL, email(id));
  }

  void delete(String id) throws ProviderException {
    try {
      session.rest().delete(base() + "/" + email(id));
    } catch (Exception e) {
      if (!GcpErrors.notFound(e)) throw GcpErrors.failure("delete service account " + id, e);
    }
  }
}
