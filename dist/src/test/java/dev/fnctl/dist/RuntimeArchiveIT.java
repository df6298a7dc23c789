package dev.fnctl.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive with its own runtime (built by {@code -Pjlink}, else skipped) runs on a machine
 * without any Java: no java on PATH, no JAVA_HOME.
 */
class RuntimeArchiveIT {
  @TempDir Path scratch;

  @Test
  void runsWithoutAnyJavaOnTheMachine() throws IOException {
    Path archive;
    try (var files = Files.list(Installed.ARCHIVES)) {
      archive =
          files
              .filter(
                  f -> f.getFileName().toString().matches("fnctl-.*-[a-z]+-[a-z0-9_]+\\.tar\\.gz"))
              .findFirst()
              .orElse(null);
    }
    Assumptions.assumeTrue(archive != null, "no runtime archive: build with -Pjlink");
    // One left from an earlier -Pjlink build holds older jars than this build's archive.
    Assumptions.assumeTrue(
        Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(Installed.TAR_GZ))
            >= 0,
        archive + " is older than this build's archive: build with -Pjlink to test it");
    Installed installed = Installed.unpack(archive, scratch);
    Map<String, String> env = new java.util.HashMap<>(installed.env());
    env.remove("JAVA_HOME");
    Installed.Result version = installed.fnctl(scratch, env, "--version").expect(0);
    assertTrue(version.out().startsWith("fnctl " + Installed.VERSION + "\n"), version.out());

    Path project = scratch.resolve("project");
    installed.fnctl(scratch, env, "init", "--template", "http-api", project.toString()).expect(0);
    Installed.Result apply = installed.fnctl(project, env, "apply", "--auto-approve").expect(0);
    assertTrue(apply.out().contains("Apply complete!"), apply.out());
    installed.fnctl(project, env, "plan", "--detailed-exitcode").expect(0);
  }
}
