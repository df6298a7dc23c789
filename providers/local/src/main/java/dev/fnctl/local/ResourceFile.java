package dev.fnctl.local;

import dev.fnctl.model.json.Json;
import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.Ownership;
import dev.fnctl.provider.ProviderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One deployed resource on disk, pretty JSON a user may read and edit (an edit is drift, as a
 * change in a cloud console would be): address, type, item, tags, properties, outputs and what it
 * depends on.
 */
final class ResourceFile {
  private ResourceFile() {}

  /**
   * {@code local:trigger/resize/queue-orders} is kept at {@code trigger/resize/queue-orders.json}.
   */
  static Path path(Path stackDir, String address, String extension) {
    String rel = address.substring(address.indexOf(':') + 1);
    return stackDir.resolve(rel + extension);
  }

  static void write(Path file, LiveResource r, Ownership owner) throws ProviderException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("address", r.address());
    doc.put("type", r.type());
    doc.put("item", r.item());
    doc.put("tags", owner.tags());
    doc.put("properties", r.properties());
    doc.put("outputs", r.outputs());
    doc.put("dependsOn", r.dependsOn());
    writeAtomically(file, (Json.write(doc) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  static LiveResource read(Path file, Ownership owner) throws ProviderException {
    try {
      Map<String, Object> doc = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
      Object address = doc.get("address");
      if (!(address instanceof String a)) throw new IllegalArgumentException("no \"address\"");
      Object tags = doc.get("tags");
      LiveResource live =
          new LiveResource(
              a,
              String.valueOf(doc.getOrDefault("type", Address.parse(a).type())),
              String.valueOf(doc.getOrDefault("item", "")),
              tags instanceof Map<?, ?> m && owner.owns((Map<String, ?>) m),
              doc.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of(),
              doc.get("outputs") instanceof Map<?, ?> o ? (Map<String, Object>) o : Map.of(),
              doc.get("dependsOn") instanceof List<?> l
                  ? l.stream().map(String::valueOf).toList()
                  : List.of());
      // A function's secret references, masked even in the plan that deletes it.
      return live.properties().get("secrets") instanceof Map<?, ?> secrets && !secrets.isEmpty()
          ? live.withSensitive(java.util.Set.of("secrets"))
          : live;
    } catch (IOException | IllegalArgumentException e) {
      throw new ProviderException(
          "cannot read the local resource file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A delete in parallel removes a folder it leaves empty ({@link LocalCloud#removeEmpty}); once
   * the temporary file is in the folder it is not empty, so only the moment between making the
   * folder and the file needs another try.
   */
  private static Path temporaryFileNextTo(Path file) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Files.createDirectories(file.getParent());
      try {
        return Files.createTempFile(file.getParent(), ".tmp-", ".part");
      } catch (java.nio.file.NoSuchFileException e) {
        if (attempt == 3) throw e;
      }
    }
  }

  /** Writes through a temporary file so that a killed run never leaves half a file behind. */
  static void writeAtomically(Path file, byte[] bytes) throws ProviderException {
    writeAtomically(file, tmp -> Files.write(tmp, bytes));
  }

  /** Fills a scratch file next to the one being replaced. */
  interface Content {
    void writeTo(Path tmp) throws IOException, ProviderException;
  }

  /**
   * Writes {@code file} whole or not at all: {@code content} goes to a scratch file moved over it.
   */
  static void writeAtomically(Path file, Content content) throws ProviderException {
    try {
      Path tmp = temporaryFileNextTo(file);
      try {
        content.writeTo(tmp);
        try {
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ProviderException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
