package dev.fnctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.provider.StackLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fnctl unlock [LOCK_ID]}: shows the lock it removes, removes only the lock with the id
 * given (as {@code terraform force-unlock LOCK_ID}), and asks on a terminal unless --force.
 */
class UnlockCommandTest {
  private static final StackLock.Holder HELD =
      new StackLock.Holder("abc", "ci@runner", "apply", Instant.parse("2026-01-01T00:00:00Z"));

  @TempDir Path dir;
  private Path spec;
  private final FakeEngine engine = new FakeEngine();
  private Terminal terminal = Terminal.NONE;
  private String out;
  private String err;

  @BeforeEach
  void setUp() throws Exception {
    spec = Files.writeString(dir.resolve("fnctl.yaml"), "stack: orders\n");
    engine.lock = Optional.of(HELD);
  }

  private int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    Cli cli =
        new Cli(
            new PrintWriter(o),
            new PrintWriter(e),
            Map.of("NO_COLOR", "1"),
            terminal,
            () -> engine);
    int code = Main.run(cli, args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void anotherLocksIdRemovesNothingAndNamesTheLockHeld() {
    assertEquals(1, run("unlock", "-f", spec.toString(), "xyz"));
    assertTrue(
        err.contains(
            "the stack lock is held by ci@runner (apply since 2026-01-01T00:00:00Z, lock id abc),"
                + " not lock id xyz; nothing was removed"),
        err);
    assertEquals(Optional.of(HELD), engine.lock);
  }

  @Test
  void theLocksOwnIdRemovesIt() {
    assertEquals(0, run("unlock", "-f", spec.toString(), "abc"));
    assertEquals(
        "Removed the lock held by ci@runner (apply since 2026-01-01T00:00:00Z, lock id abc).\n",
        out);
    assertEquals(Optional.empty(), engine.lock);
  }

  @Test
  void onATerminalItShowsTheLockAndAsks() {
    terminal = MainTest.answering("no");
    assertEquals(1, run("unlock", "-f", spec.toString()));
    assertTrue(
        out.startsWith(
            "The stack lock is held by ci@runner (apply since 2026-01-01T00:00:00Z, lock id abc)."),
        out);
    assertTrue(err.contains("unlock cancelled; the lock is still held"), err);
    assertEquals(Optional.of(HELD), engine.lock);

    terminal = MainTest.answering("yes");
    assertEquals(0, run("unlock", "-f", spec.toString()));
    assertEquals(Optional.empty(), engine.lock);
  }

  @Test
  void forceDoesNotAsk() {
    terminal = MainTest.answering();
    assertEquals(0, run("unlock", "--force", "-f", spec.toString()));
    assertEquals(Optional.empty(), engine.lock);
  }
}
