package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sample under samples/ and every template (scaffolded with init) goes through the whole life
 * on the local target: validate, plan, apply, plan again (no changes), destroy, destroy again
 * (nothing left), plan again (everything to add). Samples and templates are found from the
 * directories, so new ones are tested without touching this class.
 */
class LifecycleIT {
  @TempDir Path scratch;

  @TestFactory
  Stream<DynamicTest> samples() {
    Assumptions.assumeFalse(Launcher.samples().isEmpty(), "no samples/ in this checkout yet");
    return Launcher.samples().stream()
        .map(
            sample ->
                DynamicTest.dynamicTest(
                    sample.getFileName().toString(),
                    () ->
                        lifecycle(
                            Launcher.copy(
                                sample, scratch.resolve("sample-" + sample.getFileName())))));
  }

  @TestFactory
  Stream<DynamicTest> templates() {
    Assumptions.assumeFalse(Launcher.templates().isEmpty(), "no templates/ in this checkout yet");
    return Launcher.templates().stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      Path dir = scratch.resolve("template-" + name);
                      Launcher.Result init =
                          Launcher.run(scratch, "init", "--template", name, dir.toString())
                              .expect(0);
                      assertTrue(init.out().contains("from template " + name), init.out());
                      assertTrue(
                          Files.isRegularFile(dir.resolve("fnctl.yaml")),
                          "init wrote no fnctl.yaml");
                      // From the real jar, dotfiles included: .fnctl/ stays out of the user's
                      // repository.
                      assertTrue(
                          Files.readAllLines(dir.resolve(".gitignore")).contains(".fnctl/"),
                          "init wrote no .gitignore keeping .fnctl/ out");
                      lifecycle(dir);
                    }));
  }

  static void lifecycle(Path dir) throws IOException {
    Launcher.Result validate = Launcher.run(dir, "validate").expect(0).noStackTrace();
    assertTrue(validate.out().contains("is valid"), validate.out());

    Launcher.Result plan = Launcher.run(dir, "plan").expect(0).noStackTrace();
    assertTrue(plan.out().contains("Plan: "), plan.out());
    assertTrue(plan.out().contains(" to add, 0 to change, 0 to destroy."), plan.out());
    Launcher.run(dir, "plan", "--detailed-exitcode").expect(2);

    Launcher.Result apply = Launcher.run(dir, "apply", "--auto-approve").expect(0).noStackTrace();
    assertTrue(apply.out().contains("Apply complete! Resources: "), apply.out());
    assertTrue(apply.out().contains(" added, 0 changed, 0 destroyed."), apply.out());
    assertTrue(
        Files.isDirectory(dir.resolve(".fnctl")), "the local target keeps its cloud in .fnctl/");

    Launcher.Result again =
        Launcher.run(dir, "plan", "--detailed-exitcode").expect(0).noStackTrace();
    assertTrue(
        again.out().contains("No changes."),
        "a re-plan after apply must be clean:\n" + again.out());

    Launcher.Result destroy =
        Launcher.run(dir, "destroy", "--auto-approve").expect(0).noStackTrace();
    assertTrue(destroy.out().contains("Destroy complete! Resources: "), destroy.out());
    assertFalse(destroy.out().contains("Resources: 0 destroyed"), destroy.out());

    Launcher.Result twice = Launcher.run(dir, "destroy", "--auto-approve").expect(0);
    assertTrue(
        twice.out().startsWith("Nothing to destroy"),
        "a second destroy finds nothing:\n" + twice.out());
    Launcher.run(dir, "plan", "--detailed-exitcode").expect(2);
  }
}
