package dev.fnctl.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fnctl.model.spec.FunctionSettings;
import dev.fnctl.model.spec.FunctionSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeCheckTest {
  private static final long LIMIT = 10L * 1024 * 1024;

  @TempDir Path tmp;
  Path project;

  @BeforeEach
  void project() throws IOException {
    project = Files.createDirectories(tmp.resolve("project"));
    Files.createDirectories(project.resolve("fn"));
    Files.writeString(project.resolve("fn/main.py"), "def handle(e, c): pass\n");
  }

  private static FunctionSpec fn(String code, String handler, String runtime, boolean allow) {
    return new FunctionSpec(
        "resize",
        code,
        handler,
        new FunctionSettings(runtime, 256, null, null, Map.of(), null),
        Map.of(),
        List.of(),
        List.of(),
        allow);
  }

  private List<String> check(FunctionSpec f) {
    return CodeCheck.check(project, f, LIMIT, "dev").stream()
        .map(p -> p.path() + ": " + p.message())
        .toList();
  }

  @Test
  void codeInsideTheProjectWithItsHandlerPasses() {
    assertEquals(List.of(), check(fn("./fn", "main.handle", "python3.12", false)));
  }

  @Test
  void codeOutsideTheProjectIsRefusedUnlessAllowed() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(outside.resolve("main.py"), "x = 1\n");
    List<String> found = check(fn("../elsewhere", "main.handle", "python3.12", false));
    assertEquals(1, found.size(), found.toString());
    assertTrue(
        found
            .get(0)
            .startsWith("functions.resize.code: code path '../elsewhere' is outside the project"),
        found.get(0));
    assertTrue(found.get(0).contains("allowCodeOutsideProject: true"), found.get(0));
    assertEquals(List.of(), check(fn("../elsewhere", "main.handle", "python3.12", true)));
    assertEquals(1, check(fn("/etc", "main.handle", "python3.12", false)).size());
  }

  @Test
  void theGitWorkTreeHoldingTheSpecIsTheProject() throws IOException {
    Files.createDirectories(tmp.resolve(".git"));
    Path shared = Files.createDirectories(tmp.resolve("shared"));
    Files.writeString(shared.resolve("main.py"), "x = 1\n");
    assertEquals(List.of(), check(fn("../shared", "main.handle", "python3.12", false)));
  }

  @Test
  void aSymlinkLeadingOutOfTheCodeDirectoryIsRefusedUnlessAllowed() throws IOException {
    Path secret = Files.writeString(tmp.resolve("shadow"), "root:x\n");
    Files.createSymbolicLink(project.resolve("fn/shadow"), secret);
    Files.createSymbolicLink(project.resolve("fn/inside.py"), project.resolve("fn/main.py"));
    List<String> found = check(fn("./fn", "main.handle", "python3.12", false));
    assertEquals(
        List.of(
            "functions.resize.code: 'shadow' in code directory './fn' is a symbolic link leading"
                + " outside it; copy what it points at into the directory, or set"
                + " allowCodeOutsideProject: true on this function if packaging it is meant"),
        found);
    assertEquals(List.of(), check(fn("./fn", "main.handle", "python3.12", true)));
  }

  @Test
  void aDeviceOrAFifoIsNeverRead() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    List<String> device = check(fn("/dev/zero", "main.handle", "python3.12", true));
    assertEquals(1, device.size());
    assertTrue(device.get(0).contains("is not a directory or a regular file"), device.get(0));
    Path fifo = project.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mkfifo.waitFor() == 0);
    List<String> pipe = check(fn("./pipe", "main.handle", "python3.12", false));
    assertTrue(pipe.get(0).contains("is not a directory or a regular file"), pipe.toString());
  }

  @Test
  void aTreeOverTheLimitIsRefusedFromItsListingAlone() throws IOException {
    // A sparse file: 20 MB by its size, nothing on disk, and never read.
    try (RandomAccessFile big =
        new RandomAccessFile(project.resolve("fn/model.bin").toFile(), "rw")) {
      big.setLength(2 * LIMIT);
    }
    List<String> found = check(fn("./fn", "main.handle", "python3.12", false));
    assertEquals(
        List.of(
            "functions.resize.code: code './fn' holds more than the 10 MB a package may have on"
                + " target dev; leave out what the function does not need with a .fnctlignore"
                + " file, or ship a prebuilt .zip"),
        found);
    Files.writeString(project.resolve("fn/.fnctlignore"), "*.bin\n");
    assertEquals(List.of(), check(fn("./fn", "main.handle", "python3.12", false)));
  }

  @Test
  void aHandlerWhoseFileIsNotInTheCodeIsNamed() throws IOException {
    assertEquals(
        List.of(
            "functions.resize.handler: handler 'mian.handle' names module 'mian', but './fn' has no"
                + " mian.py; check the handler's spelling"),
        check(fn("./fn", "mian.handle", "python3.12", false)));
    Files.createDirectories(project.resolve("fn/pkg/sub"));
    Files.writeString(project.resolve("fn/pkg/sub/__init__.py"), "");
    assertEquals(List.of(), check(fn("./fn", "pkg.sub.handle", "python3.12", false)));

    Path node = Files.createDirectories(project.resolve("node/src"));
    Files.writeString(node.resolve("index.mjs"), "export const handler = async () => 1;\n");
    assertEquals(List.of(), check(fn("./node", "src/index.handler", "nodejs22", false)));
    assertEquals(
        List.of(
            "functions.resize.handler: handler 'index.handler' names file 'index', but './node'"
                + " has no index.js or index.mjs or index.cjs; check the handler's spelling"),
        check(fn("./node", "index.handler", "nodejs22", false)));
    // Java is not looked into.
    assertEquals(List.of(), check(fn("./fn", "com.example.Handler::handle", "java21", false)));
  }

  @Test
  void aRuntimeOfAnotherLanguageThanTheCodeIsNamed() {
    assertEquals(
        List.of(
            "functions.resize.runtime: runtime nodejs22 does not match the code: './fn' holds"
                + " Python files and no JavaScript; set the runtime of the code's language (e.g."
                + " python3.12), or point code: at the Node.js code"),
        check(fn("./fn", "main.handle", "nodejs22", false)));
  }

  @Test
  void aMissingPathIsLeftToThePackagersCheck() {
    assertEquals(List.of(), check(fn("./nowhere", "main.handle", "python3.12", false)));
  }
}
