package dev.fnctl.provider.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.LeaseStateType;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.StackLock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The stack lock as an infinite lease on a blob {@code <stack>/<target>.lock} in the resource
 * group's lock account ({@link AzureNames#lockAccount}). Taking a lease is atomic in Azure Storage:
 * of two runs, one gets it and the other is told the blob is leased. The lease id is derived from
 * the holder's id, so only the holder can release it; who holds it and since when are in the blob's
 * metadata. {@code fnctl unlock} breaks the lease.
 *
 * <p>The lock cannot live in the stack's own storage account, which does not exist before the first
 * apply: the lock account is one per resource group, made on first use, tagged {@code fnctl-locks}
 * and never deleted by destroy (other stacks' locks are in it).
 */
final class BlobLock implements StackLock {
  static final String CONTAINER = "fnctl-locks";

  private final AzureSession s;
  private final String account;
  private final String blob;
  private volatile BlobClient client;

  BlobLock(AzureSession s) {
    this.s = s;
    this.account = AzureNames.lockAccount(s.names.subscription(), s.names.resourceGroup());
    this.blob = s.names.stack() + "/" + s.names.target() + ".lock";
  }

  private BlobClient blob() throws ProviderException {
    if (client != null) return client;
    String path = s.accountPath(account);
    if (s.arm.get(path, ApiVersions.STORAGE) == null) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("location", s.region);
      body.put("kind", "StorageV2");
      body.put("sku", Map.of("name", "Standard_LRS"));
      body.put("tags", Map.of("fnctl-locks", "true"));
      body.put(
          "properties",
          Map.of(
              "minimumTlsVersion", "TLS1_2",
              "allowBlobPublicAccess", false,
              "supportsHttpsTrafficOnly", true));
      s.arm.put(path, ApiVersions.STORAGE, body, Deadline.in(java.time.Duration.ofMinutes(5)));
      s.arm.put(
          s.containerPath(account, CONTAINER),
          ApiVersions.STORAGE,
          Map.of("properties", Map.of("publicAccess", "None")),
          Deadline.in(java.time.Duration.ofMinutes(1)));
    }
    BlobContainerClient c = s.data.container(account, CONTAINER);
    try {
      if (s.data.emulated()) c.createIfNotExists();
      BlobClient b = c.getBlobClient(blob);
      if (!b.exists()) {
        try {
          b.upload(new ByteArrayInputStream(new byte[0]), 0, false);
        } catch (BlobStorageException e) {
          if (e.getStatusCode() != 409) throw e;
        }
      }
      client = b;
      return b;
    } catch (BlobStorageException e) {
      throw DataPlane.failure("the stack lock in storage account " + account, e);
    }
  }

  static String leaseId(String holderId) {
    return UUID.nameUUIDFromBytes(holderId.getBytes(StandardCharsets.UTF_8)).toString();
  }

  @Override
  public Optional<Holder> tryAcquire(Holder me) throws ProviderException {
    BlobClient b = blob();
    BlobLeaseClient lease =
        new BlobLeaseClientBuilder().blobClient(b).leaseId(leaseId(me.id())).buildClient();
    try {
      lease.acquireLease(-1);
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 409) {
        Optional<Holder> h = holder();
        return h.isPresent()
            ? h
            : Optional.of(new Holder("unknown", "unknown", "unknown", Instant.EPOCH));
      }
      throw DataPlane.failure("taking the stack lock", e);
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("holderid", me.id());
    meta.put("who", me.who());
    meta.put("operation", me.operation());
    meta.put("since", me.since().toString());
    try {
      b.setMetadataWithResponse(
          meta,
          new com.azure.storage.blob.models.BlobRequestConditions().setLeaseId(leaseId(me.id())),
          null,
          com.azure.core.util.Context.NONE);
    } catch (BlobStorageException e) {
      throw DataPlane.failure("recording the stack lock's holder", e);
    }
    return Optional.empty();
  }

  @Override
  public void release(Holder me) throws ProviderException {
    BlobClient b = blob();
    try {
      new BlobLeaseClientBuilder()
          .blobClient(b)
          .leaseId(leaseId(me.id()))
          .buildClient()
          .releaseLease();
    } catch (BlobStorageException e) {
      // 409: the lease is someone else's, or none: not ours to release.
      if (e.getStatusCode() != 409 && e.getStatusCode() != 412)
        throw DataPlane.failure("releasing the stack lock", e);
    }
  }

  @Override
  public Optional<Holder> holder() throws ProviderException {
    try {
      BlobProperties p = blob().getProperties();
      if (p.getLeaseState() != LeaseStateType.LEASED) return Optional.empty();
      Map<String, String> m = p.getMetadata();
      return Optional.of(
          new Holder(
              m.getOrDefault("holderid", "unknown"),
              m.getOrDefault("who", "unknown"),
              m.getOrDefault("operation", "unknown"),
              m.containsKey("since") ? Instant.parse(m.get("since")) : Instant.EPOCH));
    } catch (BlobStorageException e) {
      throw DataPlane.failure("reading the stack lock", e);
    }
  }

  @Override
  public void forceRelease() throws ProviderException {
    try {
      BlobClient b = blob();
      if (b.getProperties().getLeaseState() != LeaseStateType.LEASED) return;
      new BlobLeaseClientBuilder()
          .blobClient(b)
          .buildClient()
          .breakLeaseWithResponse(0, null, null, com.azure.core.util.Context.NONE);
    } catch (BlobStorageException e) {
      if (e.getStatusCode() != 409) throw DataPlane.failure("removing the stack lock", e);
    }
  }
}
