package dev.fnctl.provider.aws;

import dev.fnctl.provider.CodePackage;
import dev.fnctl.provider.ProviderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A function's code package. Stands in for the shared {@code CodePackager} until it lands on
 * main: same contract (a directory is zipped deterministically, a .zip/.jar used as is).
 */
final class FunctionCode {
  private FunctionCode() {}

  private static final long FIXED_TIME = java.time.LocalDateTime.of(1980, 1, 1, 0, 0)
      .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();

  static CodePackage pack(Path baseDir, String code) throws ProviderException {
    Path source = baseDir.resolve(code).normalize();
    try {
      byte[] zip;
      if (Files.isDirectory(source)) {
        zip = zipDirectory(source);
      } else if (Files.isRegularFile(source)) {
        zip = Files.readAllBytes(source);
      } else {
        throw new ProviderException("code " + code + ": no such file or directory (" + source + ")");
      }
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(zip);
      return new CodePackage(source, zip, Base64.getEncoder().encodeToString(digest), HexFormat.of().formatHex(digest));
    } catch (IOException e) {
      throw new ProviderException("code " + code + ": cannot read " + source + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] zipDirectory(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> !dir.relativize(p).toString().replace('\\', '/').matches("(^|.*/)(\\.git|\\.fnctl|__pycache__)/.*"))
          .sorted()
          .toList();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Path file : files) {
        ZipEntry entry = new ZipEntry(dir.relativize(file).toString().replace('\\', '/'));
        entry.setTime(FIXED_TIME);
        zip.putNextEntry(entry);
        zip.write(Files.readAllBytes(file));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
