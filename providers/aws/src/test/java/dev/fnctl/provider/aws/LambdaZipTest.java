package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fnctl.archive.CodeArchive;
import dev.fnctl.provider.CodePackager;
import dev.fnctl.provider.ProviderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaZipTest {
  @TempDir Path tmp;

  @Test
  void theWrittenZipIsWhatWasPlannedAndItsDigestIsCodeSha256() throws Exception {
    Files.createDirectories(tmp.resolve("fn"));
    Files.writeString(tmp.resolve("fn/main.py"), "def handle(e, c):\n    return 1\n");
    LambdaZip zip = LambdaZip.of("resize", CodePackager.pack(tmp, "fn"));
    Path file = zip.write();
    try {
      byte[] bytes = Files.readAllBytes(file);
      assertEquals(bytes.length, zip.size());
      assertEquals(
          Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes)),
          zip.sha256Base64());
      Path again = zip.write();
      assertArrayEquals(bytes, Files.readAllBytes(again), "the same bytes at every apply");
      CodeArchive.delete(again);
    } finally {
      CodeArchive.delete(file);
    }
    assertFalse(Files.exists(file));
  }

  @Test
  void codeEditedBetweenPlanAndApplyIsAnErrorNotAnotherDeploy() throws Exception {
    Files.createDirectories(tmp.resolve("fn"));
    Files.writeString(tmp.resolve("fn/main.py"), "v = 1\n");
    LambdaZip zip = LambdaZip.of("resize", CodePackager.pack(tmp, "fn"));
    Files.writeString(tmp.resolve("fn/main.py"), "v = 2\n");
    ProviderException e = assertThrows(ProviderException.class, zip::write);
    assertEquals(
        "function resize: its code changed since it was planned; plan again to see the change",
        e.getMessage());
  }

  @Test
  void aPackageOverLambdasLimitIsRefusedWithTheFunctionsName() throws Exception {
    Files.createDirectories(tmp.resolve("fn"));
    Files.write(tmp.resolve("fn/model.bin"), new byte[3 * 1024 * 1024]);
    ProviderException e =
        assertThrows(
            ProviderException.class,
            () -> LambdaZip.of("resize", CodePackager.pack(tmp, "fn"), 2L * 1024 * 1024));
    assertEquals(
        "function resize: its code package (3145728 bytes of code) is over AWS Lambda's deployment"
            + " package limit of 2 MiB (2097152 bytes): leave files out with .fnctlignore or make"
            + " the package smaller",
        e.getMessage());
  }
}
