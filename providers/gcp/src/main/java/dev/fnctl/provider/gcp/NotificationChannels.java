package dev.fnctl.provider.gcp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.Ownership;
import dev.fnctl.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Email notification channels (Cloud Monitoring v3 REST), labelled with the stack and a key derived
 * from the address ({@code fnctl-channel}), which is how a channel's generated id maps back to its
 * address.
 */
final class NotificationChannels {
  static final String KEY_LABEL = "fnctl-channel";

  private final GcpSession session;

  NotificationChannels(GcpSession session) {
    this.session = session;
  }

  private String base() {
    return session.base("monitoring.googleapis.com")
        + "/v3/projects/"
        + session.names.project()
        + "/notificationChannels";
  }

  List<LiveResource> list(Set<String> wanted) throws ProviderException {
    Ownership owner = new Ownership(session.names.stack(), session.names.target());
    List<LiveResource> out = new ArrayList<>();
    String token = null;
    do {
      String url = base() + "?pageSize=1000" + (token == null ? "" : "&pageToken=" + token);
      JsonObject page = session.call("list notification channels", () -> session.rest().get(url));
      if (page.has("notificationChannels"))
        for (JsonElement e : page.getAsJsonArray("notificationChannels")) {
          JsonObject c = e.getAsJsonObject();
          Map<String, String> labels = new java.util.HashMap<>();
          if (c.has("userLabels"))
            c.getAsJsonObject("userLabels")
                .entrySet()
                .forEach(l -> labels.put(l.getKey(), l.getValue().getAsString()));
          if (!owner.owns(labels) || !labels.containsKey(KEY_LABEL)) continue;
          String email =
              c.has("labels") && c.getAsJsonObject("labels").has("email_address")
                  ? c.getAsJsonObject("labels").get("email_address").getAsString()
                  : "";
          out.add(
              new LiveResource(
                  GcpTypes.address(
                      GcpTypes.CHANNEL, session.names.prefix() + "alert-" + labels.get(KEY_LABEL)),
                  GcpTypes.CHANNEL,
                  null,
                  true,
                  Map.of(ChannelType.EMAIL, email),
                  Map.of(ChannelType.NAME, c.get("name").getAsString())));
        }
      token = page.has("nextPageToken") ? page.get("nextPageToken").getAsString() : null;
      if (token != null && token.isEmpty()) token = null;
    } while (token != null);
    return out;
  }

  Map<String, Object> create(String email) throws ProviderException {
    String key = GcpNames.channelKey(email);
    // A create whose reply was lost left it there: converge onto it rather than make a second.
    for (LiveResource r : list(Set.of()))
      if (r.address().endsWith("-alert-" + key)) return r.outputs();
    JsonObject body = new JsonObject();
    body.addProperty("type", "email");
    body.addProperty(
        "displayName",
        "fnctl " + session.names.stack() + "/" + session.names.target() + " " + email);
    JsonObject labels = new JsonObject();
    labels.addProperty("email_address", email);
    body.add("labels", labels);
    JsonObject user = new JsonObject();
    GcpSession.labels(session.names).forEach(user::addProperty);
    user.addProperty(KEY_LABEL, key);
    body.add("userLabels", user);
    JsonObject made =
        session.call(
            "create notification channel for " + email, () -> session.rest().post(base(), body));
    return Map.of(ChannelType.NAME, made.get("name").getAsString());
  }

  void delete(String name) throws ProviderException {
    try {
      session
          .rest()
          .delete(session.base("monitoring.googleapis.com") + "/v3/" + name + "?force=true");
    } catch (Exception e) {
      if (!GcpErrors.notFound(e)) throw GcpErrors.failure("delete notification channel " + name, e);
    }
  }
}
