package dev.fnctl.local;

import dev.fnctl.model.json.Json;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.StackLock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stack lock of the local target: a file created only if absent (the file system makes that
 * atomic, as a conditional put would in a cloud), holding the holder as JSON.
 */
final class LockFile implements StackLock {
  private final Path file;
  private final Path made;

  /**
   * @param made the outermost directory to remove, with the ones between, when releasing leaves
   *     them empty (see {@link LocalCloud#removeEmpty})
   */
  LockFile(Path file, Path made) {
    this.file = file;
    this.made = made;
  }

  @Override
  public Optional<Holder> tryAcquire(Holder me) throws ProviderException {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        Files.createDirectories(file.getParent());
        try (OutputStream out =
            Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          out.write(Json.write(toJson(me)).getBytes(StandardCharsets.UTF_8));
        }
        return Optional.empty();
      } catch (java.nio.file.NoSuchFileException e) {
        // its directory was removed by a release between the two calls above: try again
      } catch (FileAlreadyExistsException e) {
        Optional<Holder> other = holder();
        if (other.isPresent()) return other;
        // released between our attempt and the read: try again
      } catch (IOException e) {
        throw new ProviderException(
            "cannot create the lock file " + file + ": " + e.getMessage(), e);
      }
    }
    return holder();
  }

  @Override
  public void release(Holder me) throws ProviderException {
    Optional<Holder> now = holder();
    if (now.isPresent() && now.get().id().equals(me.id())) forceRelease();
  }

  @Override
  public Optional<Holder> holder() throws ProviderException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ProviderException("cannot read the lock file " + file + ": " + e.getMessage(), e);
    }
    try {
      Map<String, Object> m = Json.parseObject(text);
      return Optional.of(
          new Holder(
              String.valueOf(m.get("id")),
              String.valueOf(m.get("who")),
              String.valueOf(m.get("operation")),
              Instant.parse(String.valueOf(m.get("since")))));
    } catch (RuntimeException e) {
      // Being written right now, or damaged: held all the same, by someone we cannot name.
      return Optional.of(
          new Holder("unknown", "an unknown holder (" + file + ")", "unknown", Instant.EPOCH));
    }
  }

  @Override
  public void forceRelease() throws ProviderException {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new ProviderException("cannot remove the lock file " + file + ": " + e.getMessage(), e);
    }
    LocalCloud.removeEmpty(file.getParent(), made);
  }

  private static Map<String, Object> toJson(Holder h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", h.id());
    m.put("who", h.who());
    m.put("operation", h.operation());
    m.put("since", h.since().toString());
    return m;
  }
}
