package dev.fnctl.provider.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.fnctl.provider.ProviderException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blob service of fnctl's storage accounts, for the stack lock's lease. In production each
 * account's blob endpoint comes from ARM ({@code primaryEndpoints.blob}, right in sovereign clouds
 * too) and requests carry the deploying identity's token (it needs Storage Blob Data Contributor;
 * shared keys are never fetched). A target's {@code blobEndpoint} setting points every account at
 * one blob service instead (Azurite in tests), with the shared key from {@code
 * FNCTL_AZURE_STORAGE_KEY}.
 */
final class DataPlane {
  private final Arm arm;
  private final AzureSessionPaths paths;
  private final HttpClient http;
  private final TokenCredential credential;
  private final String override;
  private final String overrideKey;
  private final Map<String, String> endpoints = new ConcurrentHashMap<>();

  /** How the data plane finds an account's ARM path. */
  interface AzureSessionPaths {
    String accountPath(String account);
  }

  DataPlane(
      Arm arm,
      AzureSessionPaths paths,
      HttpClient http,
      TokenCredential credential,
      String override,
      String overrideKey) {
    this.arm = arm;
    this.paths = paths;
    this.http = http;
    this.credential = credential;
    this.override = override == null ? null : override.replaceAll("/+$", "");
    this.overrideKey = overrideKey;
  }

  /** The account's blob endpoint as ARM states it, ending in {@code /}. */
  String blobEndpoint(String account) throws ProviderException {
    String known = endpoints.get(account);
    if (known != null) return known;
    Map<String, Object> r = arm.get(paths.accountPath(account), ApiVersions.STORAGE);
    Object url = r == null ? null : Arm.at(r, "properties", "primaryEndpoints", "blob");
    String e = url == null ? "https://" + account + ".blob.core.windows.net/" : url.toString();
    if (!e.endsWith("/")) e += "/";
    endpoints.put(account, e);
    return e;
  }

  BlobContainerClient container(String account, String container) throws ProviderException {
    BlobServiceClientBuilder b = new BlobServiceClientBuilder().httpClient(http);
    if (override != null) {
      String name = override.substring(override.lastIndexOf('/') + 1);
      b.endpoint(override).credential(new StorageSharedKeyCredential(name, overrideKey));
    } else {
      b.endpoint(blobEndpoint(account)).credential(credential);
    }
    return b.buildClient().getBlobContainerClient(container);
  }

  boolean emulated() {
    return override != null;
  }

  static ProviderException failure(
      String what, com.azure.storage.blob.models.BlobStorageException e) {
    ProviderException.Kind kind =
        switch (e.getStatusCode()) {
          case 403 -> ProviderException.Kind.PERMISSION_DENIED;
          case 404 -> ProviderException.Kind.NOT_FOUND;
          case 409, 412 -> ProviderException.Kind.CONFLICT;
          case 429, 503 -> ProviderException.Kind.THROTTLED;
          default -> ProviderException.Kind.OTHER;
        };
    return new ProviderException(
        kind,
        what
            + ": "
            + e.getStatusCode()
            + " "
            + e.getErrorCode()
            + (kind == ProviderException.Kind.PERMISSION_DENIED
                ? " (the deploying identity needs Storage Blob Data Contributor on the account)"
                : ""),
        e);
  }
}
