package dev.fnctl.fake.gcp;

import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.DeleteSecretRequest;
import com.google.cloud.secretmanager.v1.GetSecretRequest;
import com.google.cloud.secretmanager.v1.GetSecretVersionRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsResponse;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.ListSecretsResponse;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.cloud.secretmanager.v1.ServiceProto;
import com.google.cloud.secretmanager.v1.UpdateSecretRequest;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.SetIamPolicyRequest;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Secret Manager v1 (secretmanager.googleapis.com, SecretManagerService in
 * google/cloud/secretmanager/v1/service.proto): secrets with labels, etags and IAM policies, and
 * their versions (numbered from 1, {@code latest} the newest enabled one). The payloads stay in the
 * fake and are only answered by AccessSecretVersion.
 */
final class SecretManagerApi {
  private static final Pattern SECRET_ID = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
  private static final String SERVICE = "google.cloud.secretmanager.v1.SecretManagerService.";

  private final Cloud cloud;
  private final Map<String, SecretPayload> payloads = new ConcurrentHashMap<>();

  SecretManagerApi(Cloud cloud) {
    this.cloud = cloud;
  }

  void register(Router router) {
    router.addService(ServiceProto.getDescriptor().findServiceByName("SecretManagerService"));
    router.handle(SERVICE + "CreateSecret", this::create);
    router.handle(
        SERVICE + "GetSecret",
        call -> secret(call.request(GetSecretRequest.getDefaultInstance()).getName()));
    router.handle(SERVICE + "ListSecrets", this::list);
    router.handle(SERVICE + "UpdateSecret", this::update);
    router.handle(SERVICE + "DeleteSecret", this::delete);
    router.handle(SERVICE + "AddSecretVersion", this::addVersion);
    router.handle(
        SERVICE + "GetSecretVersion",
        call -> version(call.request(GetSecretVersionRequest.getDefaultInstance()).getName()));
    router.handle(SERVICE + "ListSecretVersions", this::listVersions);
    router.handle(SERVICE + "AccessSecretVersion", this::access);
    router.handle(
        SERVICE + "GetIamPolicy",
        call ->
            cloud.policies.get(
                secret(call.request(GetIamPolicyRequest.getDefaultInstance()).getResource())
                    .getName()));
    router.handle(
        SERVICE + "SetIamPolicy",
        call -> {
          SetIamPolicyRequest request = call.request(SetIamPolicyRequest.getDefaultInstance());
          return cloud.policies.set(secret(request.getResource()).getName(), request.getPolicy());
        });
  }

  private Secret secret(String name) {
    Secret secret = cloud.resources.get(name, Secret.class);
    if (secret == null) {
      throw GoogleError.notFound("Secret [" + name + "] not found or has no versions.");
    }
    return secret;
  }

  private static String etag() {
    return "\"" + Long.toHexString(System.nanoTime()) + "\"";
  }

  private Message create(RpcCall call) {
    CreateSecretRequest request = call.request(CreateSecretRequest.getDefaultInstance());
    Standard.requireFields(request, "");
    if (!SECRET_ID.matcher(request.getSecretId()).matches()) {
      throw GoogleError.invalidArgument(
          "Secret ID [" + request.getSecretId() + "] must match [a-zA-Z_0-9-]{1,255}.");
    }
    boolean regional = request.getParent().contains("/locations/");
    if (!regional && !request.getSecret().hasReplication()) {
      throw GoogleError.invalidArgument("Secret.replication is required.");
    }
    Standard.checkLabels(request.getSecret().getLabelsMap());
    String name = request.getParent() + "/secrets/" + request.getSecretId();
    synchronized (cloud) {
      if (cloud.resources.get(name) != null) {
        throw GoogleError.alreadyExists("Secret [" + name + "] already exists.");
      }
      Secret secret =
          Standard.withoutOutputOnly(request.getSecret()).toBuilder()
              .setName(name)
              .setCreateTime(Standard.now())
              .setEtag(etag())
              .build();
      cloud.resources.put(name, secret);
      return secret;
    }
  }

  private Message list(RpcCall call) {
    ListSecretsRequest request = call.request(ListSecretsRequest.getDefaultInstance());
    List<Secret> matching =
        cloud.resources.list(request.getParent(), "secrets", Secret.class).stream()
            .filter(s -> Standard.matches(s, request.getFilter()))
            .toList();
    var page = Standard.page(matching, request.getPageSize(), request.getPageToken(), 25000);
    return ListSecretsResponse.newBuilder()
        .addAllSecrets(page.items())
        .setNextPageToken(page.nextPageToken())
        .setTotalSize(matching.size())
        .build();
  }

  private Message update(RpcCall call) {
    UpdateSecretRequest request = call.request(UpdateSecretRequest.getDefaultInstance());
    if (request.getUpdateMask().getPathsCount() == 0) {
      throw GoogleError.invalidArgument("update_mask is required.");
    }
    Secret current = secret(request.getSecret().getName());
    String etag = request.getSecret().getEtag();
    if (!etag.isEmpty() && !etag.equals(current.getEtag())) {
      throw GoogleError.aborted(
          "The etag provided in the request does not match the current etag of the secret.");
    }
    Secret updated =
        Standard.update(current, request.getSecret(), request.getUpdateMask()).toBuilder()
            .setEtag(etag())
            .build();
    cloud.resources.put(current.getName(), updated);
    return updated;
  }

  private Message delete(RpcCall call) {
    DeleteSecretRequest request = call.request(DeleteSecretRequest.getDefaultInstance());
    Secret current = secret(request.getName());
    if (!request.getEtag().isEmpty() && !request.getEtag().equals(current.getEtag())) {
      throw GoogleError.aborted(
          "The etag provided in the request does not match the current etag of the secret.");
    }
    for (SecretVersion version :
        cloud.resources.list(current.getName(), "versions", SecretVersion.class)) {
      cloud.resources.remove(version.getName());
      payloads.remove(version.getName());
    }
    cloud.resources.remove(current.getName());
    cloud.policies.remove(current.getName());
    return Empty.getDefaultInstance();
  }

  private Message addVersion(RpcCall call) {
    AddSecretVersionRequest request = call.request(AddSecretVersionRequest.getDefaultInstance());
    Secret secret = secret(request.getParent());
    synchronized (cloud) {
      int number =
          cloud.resources.list(secret.getName(), "versions", SecretVersion.class).size() + 1;
      String name = secret.getName() + "/versions/" + number;
      SecretVersion version =
          SecretVersion.newBuilder()
              .setName(name)
              .setCreateTime(Standard.now())
              .setState(SecretVersion.State.ENABLED)
              .setEtag(etag())
              .setClientSpecifiedPayloadChecksum(request.getPayload().hasDataCrc32C())
              .build();
      cloud.resources.put(name, version);
      payloads.put(name, request.getPayload());
      return version;
    }
  }

  private SecretVersion version(String name) {
    if (name.endsWith("/versions/latest")) {
      String secret = name.substring(0, name.length() - "/versions/latest".length());
      secret(secret);
      return cloud.resources.list(secret, "versions", SecretVersion.class).stream()
          .filter(v -> v.getState() == SecretVersion.State.ENABLED)
          .max(Comparator.comparingInt(v -> Integer.parseInt(Standard.id(v.getName()))))
          .orElseThrow(
              () -> GoogleError.notFound("Secret [" + secret + "] not found or has no versions."));
    }
    SecretVersion version = cloud.resources.get(name, SecretVersion.class);
    if (version == null) {
      throw GoogleError.notFound("Secret Version [" + name + "] not found.");
    }
    return version;
  }

  private Message listVersions(RpcCall call) {
    ListSecretVersionsRequest request =
        call.request(ListSecretVersionsRequest.getDefaultInstance());
    secret(request.getParent());
    List<SecretVersion> all =
        cloud.resources.list(request.getParent(), "versions", SecretVersion.class).stream()
            .sorted(
                Comparator.comparingInt(
                        (SecretVersion v) -> Integer.parseInt(Standard.id(v.getName())))
                    .reversed())
            .filter(v -> Standard.matches(v, request.getFilter()))
            .toList();
    var page = Standard.page(all, request.getPageSize(), request.getPageToken(), 25000);
    return ListSecretVersionsResponse.newBuilder()
        .addAllVersions(page.items())
        .setNextPageToken(page.nextPageToken())
        .setTotalSize(all.size())
        .build();
  }

  private Message access(RpcCall call) {
    SecretVersion version =
        version(call.request(AccessSecretVersionRequest.getDefaultInstance()).getName());
    if (version.getState() != SecretVersion.State.ENABLED) {
      throw GoogleError.failedPrecondition(
          "Secret Version [" + version.getName() + "] is in " + version.getState() + " state.");
    }
    return AccessSecretVersionResponse.newBuilder()
        .setName(version.getName())
        .setPayload(payloads.get(version.getName()))
        .build();
  }
}
