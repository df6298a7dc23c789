package dev.fnctl.fake.gcp;

import com.google.iam.admin.v1.CreateServiceAccountRequest;
import com.google.iam.admin.v1.DeleteServiceAccountRequest;
import com.google.iam.admin.v1.GetServiceAccountRequest;
import com.google.iam.admin.v1.Iam;
import com.google.iam.admin.v1.ListServiceAccountsRequest;
import com.google.iam.admin.v1.ListServiceAccountsResponse;
import com.google.iam.admin.v1.PatchServiceAccountRequest;
import com.google.iam.admin.v1.ServiceAccount;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.SetIamPolicyRequest;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * IAM v1 service accounts (iam.googleapis.com, IAM in google/iam/admin/v1/iam.proto). Account ids
 * are checked as the reference states (6 to 30 characters, {@code [a-z]([-a-z0-9]*[a-z0-9])}); an
 * account is named by email or unique id, under its project or {@code projects/-}.
 */
final class IamApi {
  private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])");
  private static final String SERVICE = "google.iam.admin.v1.IAM.";

  private final Cloud cloud;
  private final AtomicLong uniqueIds = new AtomicLong(100_000_000_000_000_000L);

  IamApi(Cloud cloud) {
    this.cloud = cloud;
  }

  void register(Router router) {
    router.addService(Iam.getDescriptor().findServiceByName("IAM"));
    router.handle(SERVICE + "CreateServiceAccount", this::create);
    router.handle(
        SERVICE + "GetServiceAccount",
        call -> existing(call.request(GetServiceAccountRequest.getDefaultInstance()).getName()));
    router.handle(SERVICE + "ListServiceAccounts", this::list);
    router.handle(SERVICE + "DeleteServiceAccount", this::delete);
    router.handle(SERVICE + "PatchServiceAccount", this::patch);
    router.handle(
        SERVICE + "GetIamPolicy",
        call ->
            cloud.policies.get(
                existing(call.request(GetIamPolicyRequest.getDefaultInstance()).getResource())
                    .getName()));
    router.handle(
        SERVICE + "SetIamPolicy",
        call -> {
          SetIamPolicyRequest request = call.request(SetIamPolicyRequest.getDefaultInstance());
          return cloud.policies.set(existing(request.getResource()).getName(), request.getPolicy());
        });
  }

  private Message create(RpcCall call) {
    CreateServiceAccountRequest request =
        call.request(CreateServiceAccountRequest.getDefaultInstance());
    Standard.requireFields(request, "");
    String accountId = request.getAccountId();
    if (accountId.length() < 6
        || accountId.length() > 30
        || !ACCOUNT_ID.matcher(accountId).matches()) {
      throw GoogleError.invalidArgument(
          "Invalid account ID \""
              + accountId
              + "\": it must be 6 to 30 characters and match the regular expression"
              + " [a-z]([-a-z0-9]*[a-z0-9]).");
    }
    String project = cloud.projects.idOf(request.getName());
    String email = accountId + "@" + project + ".iam.gserviceaccount.com";
    String name = "projects/" + project + "/serviceAccounts/" + email;
    if (cloud.resources.get(name) != null) {
      throw GoogleError.alreadyExists(
          "Service account "
              + accountId
              + " already exists within project projects/"
              + project
              + ".");
    }
    String uniqueId = Long.toString(uniqueIds.incrementAndGet());
    ServiceAccount account =
        request.getServiceAccount().toBuilder()
            .setName(name)
            .setProjectId(project)
            .setEmail(email)
            .setUniqueId(uniqueId)
            .setOauth2ClientId(uniqueId)
            .setEtag(ByteString.copyFrom("MDEwMjE5MjA=", StandardCharsets.US_ASCII))
            .build();
    cloud.resources.put(name, account);
    return account;
  }

  /** An account by {@code projects/P/serviceAccounts/EMAIL_OR_UNIQUE_ID}, P possibly {@code -}. */
  private ServiceAccount existing(String name) {
    String key = Standard.id(name);
    for (String stored : cloud.resources.names()) {
      ServiceAccount account = cloud.resources.get(stored, ServiceAccount.class);
      if (account != null
          && (account.getEmail().equals(key) || account.getUniqueId().equals(key))) {
        return account;
      }
    }
    throw GoogleError.notFound("Unknown service account");
  }

  private Message list(RpcCall call) {
    ListServiceAccountsRequest request =
        call.request(ListServiceAccountsRequest.getDefaultInstance());
    String project = cloud.projects.idOf(request.getName());
    List<ServiceAccount> all =
        cloud.resources.list("projects/" + project, "serviceAccounts", ServiceAccount.class);
    var page = Standard.page(all, request.getPageSize(), request.getPageToken(), 20);
    return ListServiceAccountsResponse.newBuilder()
        .addAllAccounts(page.items())
        .setNextPageToken(page.nextPageToken())
        .build();
  }

  private Message delete(RpcCall call) {
    ServiceAccount account =
        existing(call.request(DeleteServiceAccountRequest.getDefaultInstance()).getName());
    cloud.resources.remove(account.getName());
    cloud.policies.remove(account.getName());
    return Empty.getDefaultInstance();
  }

  private Message patch(RpcCall call) {
    PatchServiceAccountRequest request =
        call.request(PatchServiceAccountRequest.getDefaultInstance());
    ServiceAccount current = existing(request.getServiceAccount().getName());
    for (String path : request.getUpdateMask().getPathsList()) {
      if (!path.equals("display_name") && !path.equals("description")) {
        throw GoogleError.invalidArgument(
            "Invalid update mask path \""
                + path
                + "\": only display_name and description can be patched.");
      }
    }
    ServiceAccount updated =
        Standard.update(current, request.getServiceAccount(), request.getUpdateMask());
    cloud.resources.put(current.getName(), updated);
    return updated;
  }
}
