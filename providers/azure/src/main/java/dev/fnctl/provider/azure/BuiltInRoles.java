package dev.fnctl.provider.azure;

import dev.fnctl.model.spec.Permission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in Azure roles fnctl grants, by their fixed role definition ids (the same in every
 * subscription and cloud; "Azure built-in roles" in the Azure RBAC documentation), and which ones
 * each neutral access word becomes: the narrowest data-plane role that does the job, on the exact
 * container, queue or secret.
 */
final class BuiltInRoles {
  private BuiltInRoles() {}

  static final String BLOB_DATA_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
  static final String BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
  static final String BLOB_DATA_OWNER = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
  static final String QUEUE_DATA_READER = "19e7f393-937e-4f77-808e-94535e297925";
  static final String QUEUE_DATA_MESSAGE_PROCESSOR = "8a0f0c08-91a1-4084-bc3d-661d67233fed";
  static final String QUEUE_DATA_MESSAGE_SENDER = "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a";
  static final String QUEUE_DATA_CONTRIBUTOR = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
  static final String KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";
  static final String EVENT_GRID_DATA_SENDER = "d5a91429-5739-47e2-a06b-3470a27159e7";

  /** Short words for role ids, used in addresses: {@code blob-data-reader}. */
  static final Map<String, String> WORDS = new LinkedHashMap<>();

  static {
    WORDS.put(BLOB_DATA_READER, "blob-data-reader");
    WORDS.put(BLOB_DATA_CONTRIBUTOR, "blob-data-contributor");
    WORDS.put(BLOB_DATA_OWNER, "blob-data-owner");
    WORDS.put(QUEUE_DATA_READER, "queue-data-reader");
    WORDS.put(QUEUE_DATA_MESSAGE_PROCESSOR, "queue-data-message-processor");
    WORDS.put(QUEUE_DATA_MESSAGE_SENDER, "queue-data-message-sender");
    WORDS.put(QUEUE_DATA_CONTRIBUTOR, "queue-data-contributor");
    WORDS.put(KEY_VAULT_SECRETS_USER, "key-vault-secrets-user");
    WORDS.put(EVENT_GRID_DATA_SENDER, "eventgrid-data-sender");
  }

  /** The word for a role id, or the id itself for a role fnctl does not grant. */
  static String word(String roleId) {
    return WORDS.getOrDefault(roleId, roleId);
  }

  /**
   * The roles that give {@code access} to a bucket, queue or secret, or an empty list when Azure
   * has no such access there (validation refuses it first).
   */
  static List<String> forAccess(Permission.Kind kind, Permission.Access access) {
    return switch (kind) {
      case BUCKET ->
          switch (access) {
            case READ -> List.of(BLOB_DATA_READER);
            case WRITE -> List.of(BLOB_DATA_CONTRIBUTOR);
            case ADMIN -> List.of(BLOB_DATA_OWNER);
            default -> List.of();
          };
      case QUEUE ->
          switch (access) {
            case READ -> List.of(QUEUE_DATA_READER);
            case CONSUME -> List.of(QUEUE_DATA_MESSAGE_PROCESSOR);
            case WRITE, PUBLISH -> List.of(QUEUE_DATA_MESSAGE_SENDER);
            case ADMIN -> List.of(QUEUE_DATA_CONTRIBUTOR);
            default -> List.of();
          };
      case TOPIC ->
          access == Permission.Access.PUBLISH || access == Permission.Access.WRITE
              ? List.of(EVENT_GRID_DATA_SENDER)
              : List.of();
      case SECRET -> access == Permission.Access.READ ? List.of(KEY_VAULT_SECRETS_USER) : List.of();
      default -> List.of();
    };
  }
}
