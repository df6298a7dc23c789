package dev.fnctl.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user installs it: unpacked outside the checkout, {@code bin/} on PATH,
 * nothing else of fnctl's around. Every template is scaffolded, applied and planned on the local
 * target by the installed {@code fnctl}.
 */
class InstalledArchiveIT {
  @TempDir static Path scratch;
  static Installed installed;

  @BeforeAll
  static void unpack() throws IOException {
    installed = Installed.unpack(Installed.TAR_GZ, scratch.resolve("tar"));
  }

  @Test
  void versionRunsFromPathAndMakesTheClassDataArchiveInTheUsersCache() throws IOException {
    Installed.Result r = installed.fnctl(scratch, "--version").expect(0);
    assertTrue(r.out().startsWith("fnctl " + Installed.VERSION + "\n"), r.out());
    assertEquals("", r.err());

    Path cache = installed.cache.resolve("fnctl").resolve(Installed.VERSION);
    try (Stream<Path> files = Files.list(cache)) {
      List<String> archives =
          files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsa")).toList();
      assertEquals(1, archives.size(), "class-data archives in " + cache + ": " + archives);
    }
    // The second run uses it, and makes no other.
    installed.fnctl(scratch, "--version").expect(0);
    try (Stream<Path> files = Files.list(cache)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void aSymlinkToTheLauncherFindsItsInstallation() throws IOException {
    // As package managers and "ln -s .../bin/fnctl /usr/local/bin/" install it.
    Path links = Files.createDirectories(scratch.resolve("links"));
    Files.createSymbolicLink(links.resolve("fnctl"), installed.bin().resolve("fnctl"));
    Map<String, String> env = new java.util.HashMap<>(installed.env());
    env.put("PATH", links + java.io.File.pathSeparator + installed.tools);
    Installed.Result r = installed.fnctl(scratch, env, "--version").expect(0);
    assertTrue(r.out().startsWith("fnctl " + Installed.VERSION + "\n"), r.out());
  }

  @Test
  void withoutJavaItSaysWhatItNeeds() {
    Map<String, String> env = new java.util.HashMap<>(installed.env());
    env.remove("JAVA_HOME");
    Installed.Result r = installed.fnctl(scratch, env, "--version").expect(1);
    assertTrue(
        r.err().contains("fnctl: needs a Java 17 or newer runtime: there is no java on PATH"),
        r.err());
  }

  @Test
  void anOlderJavaIsRefusedWithItsVersion() throws IOException {
    Path old = Files.createDirectories(scratch.resolve("jdk-11/bin"));
    Files.writeString(old.resolve("java"), "#!/bin/sh\necho should not run >&2\nexit 99\n");
    old.resolve("java").toFile().setExecutable(true);
    Files.writeString(
        old.getParent().resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"11.0.2\"\n");
    Map<String, String> env = new java.util.HashMap<>(installed.env());
    env.put("JAVA_HOME", old.getParent().toString());
    Installed.Result r = installed.fnctl(scratch, env, "--version").expect(1);
    assertTrue(r.err().contains("needs Java 17 or newer;"), r.err());
    assertTrue(r.err().contains("is Java 11.0.2"), r.err());
  }

  @Test
  void initListsTheTemplatesOfTheCheckout() {
    String out = installed.fnctl(scratch, "init", "--list").expect(0).out();
    for (String name : Installed.templates()) assertTrue(out.contains(name), out);
  }

  @TestFactory
  Stream<DynamicTest> everyTemplateInitsAppliesAndPlansOnLocal() {
    return Installed.templates().stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      Path work = Files.createDirectories(scratch.resolve("projects"));
                      Installed.Result init =
                          installed.fnctl(work, "init", "--template", name, name).expect(0);
                      assertTrue(
                          init.out()
                              .contains("Next: cd " + name + " && fnctl plan, then fnctl apply"),
                          init.out());
                      Path project = work.resolve(name);
                      installed.fnctl(project, "validate").expect(0);
                      Installed.Result apply =
                          installed.fnctl(project, "apply", "--auto-approve").expect(0);
                      assertTrue(apply.out().contains("Apply complete!"), apply.out());
                      Installed.Result plan =
                          installed.fnctl(project, "plan", "--detailed-exitcode").expect(0);
                      assertTrue(plan.out().contains("No changes."), plan.out());
                      assertFalse(plan.err().contains("Exception"), "stack trace:\n" + plan.err());
                    }));
  }

  @Test
  void theZipHoldsTheSameInstallation() throws IOException {
    Installed fromZip = Installed.unpack(Installed.ZIP, scratch.resolve("zip"));
    assertTrue(Files.isExecutable(fromZip.bin().resolve("fnctl")), "bin/fnctl lost its mode");
    Installed.Result r = fromZip.fnctl(scratch, "--version").expect(0);
    assertTrue(r.out().startsWith("fnctl " + Installed.VERSION + "\n"), r.out());
    assertEquals(listing(installed.home), listing(fromZip.home));
  }

  private static List<String> listing(Path home) throws IOException {
    try (Stream<Path> files = Files.walk(home)) {
      return files.map(f -> home.relativize(f).toString()).sorted().toList();
    }
  }
}
