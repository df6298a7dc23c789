package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.testkit.aws.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/ promises about secret references, checked in every form a plan takes (text, --json,
 * the saved file) on local and on AWS (moto): the reference appears in none of them, not even
 * inside the IAM policy that grants reading it, and masked plans still apply, stay quiet and are
 * checked for staleness.
 */
class SecretsIT {
  @RegisterExtension static MotoServer moto = new MotoServer();

  static final String REF = "stripe-key";

  @TempDir Path dir;

  @Test
  void localPlansNeverShowTheReference() throws IOException {
    project("{ provider: local }", null);
    Launcher.Result none = Launcher.run(dir, "plan").expect(0).noStackTrace();
    assertFalse(none.out().contains("sensitive"), "no secrets, nothing masked:\n" + none.out());

    project("{ provider: local }", REF);
    everyFormIsMasked(Map.of());

    Launcher.run(dir, "apply", "--auto-approve").expect(0).noStackTrace();
    Launcher.run(dir, "plan", "--detailed-exitcode").expect(0);
    project("{ provider: local }", "stripe-key-2");
    Launcher.Result changed = Launcher.run(dir, "plan").expect(0);
    assertFalse(changed.out().contains(REF), changed.out());
    assertTrue(changed.out().contains("(sensitive) -> (sensitive, changed)"), changed.out());

    // The secret removed from the spec: only the live side knows the old reference, still masked.
    Launcher.run(dir, "apply", "--auto-approve").expect(0).noStackTrace();
    project("{ provider: local }", null);
    noFormShows("stripe-key-2", Map.of());
  }

  @Test
  void awsPlansNeverShowTheReferenceNorItsArnInThePolicy() throws IOException {
    moto.reset();
    project(
        "{ provider: aws, region: eu-west-1, endpoint: \"" + moto.start().endpoint() + "\" }", REF);
    Map<String, String> env = awsEnv();
    String text = everyFormIsMasked(env);
    assertTrue(text.contains("environment.API_KEY_SECRET_ID: (sensitive)"), text);
    assertTrue(text.contains("\"Resource\":[\"(sensitive)\"]"), text);
    assertTrue(text.contains("\"Sid\":\"SecretsRead\""), text);

    // The reviewed, masked plan applies, and what it made plans to no changes.
    Launcher.run(dir, env, "apply", "--auto-approve", "reviewed.plan").expect(0).noStackTrace();
    Launcher.run(dir, env, "plan", "--detailed-exitcode").expect(0).noStackTrace();

    // Another reference: shown as changed, never by name; a plan saved before is stale by digest.
    Launcher.run(dir, env, "plan", "--out", "before.plan").expect(0);
    project(
        "{ provider: aws, region: eu-west-1, endpoint: \"" + moto.start().endpoint() + "\" }",
        "other-key");
    Launcher.Result changed = Launcher.run(dir, env, "plan", "--out", "after.plan").expect(0);
    assertFalse(changed.out().contains("other-key") || changed.out().contains(REF), changed.out());
    assertTrue(
        changed
            .out()
            .contains("environment.API_KEY_SECRET_ID: (sensitive) -> (sensitive, changed)"),
        changed.out());
    assertFalse(Files.readString(dir.resolve("after.plan")).contains("other-key"));
    Launcher.Result applied =
        Launcher.run(dir, env, "apply", "--auto-approve", "after.plan").expect(0).noStackTrace();
    assertFalse(applied.out().contains("other-key"), applied.out());
    Launcher.run(dir, env, "plan", "--detailed-exitcode").expect(0);

    // The secret removed from the spec: only the live side knows the old reference, still masked.
    project(
        "{ provider: aws, region: eu-west-1, endpoint: \"" + moto.start().endpoint() + "\" }",
        null);
    noFormShows("other-key", env);
  }

  /** Plan as text and as JSON, with changes: neither holds {@code ref}. */
  private void noFormShows(String ref, Map<String, String> env) {
    Launcher.Result text = Launcher.run(dir, env, "plan", "--detailed-exitcode").expect(2);
    Launcher.Result json = Launcher.run(dir, env, "plan", "--json").expect(0).noStackTrace();
    for (String form : List.of(text.out(), text.err(), json.out(), json.err())) {
      assertFalse(form.contains(ref), "the old reference is shown:\n" + form);
    }
    assertTrue(text.out().contains("(sensitive)"), text.out());
  }

  /** Plan as text, as JSON and saved: no form holds the reference. Returns the text. */
  private String everyFormIsMasked(Map<String, String> env) throws IOException {
    Launcher.Result text = Launcher.run(dir, env, "plan").expect(0).noStackTrace();
    Launcher.Result json = Launcher.run(dir, env, "plan", "--json").expect(0).noStackTrace();
    Launcher.run(dir, env, "plan", "--out", "reviewed.plan").expect(0).noStackTrace();
    Path saved = dir.resolve("reviewed.plan");
    String file = Files.readString(saved);
    for (String form : List.of(text.out(), text.err(), json.out(), json.err(), file)) {
      assertFalse(form.contains(REF), "the reference is shown:\n" + form);
    }
    assertTrue(text.out().contains("(sensitive)"), text.out());
    assertTrue(json.out().contains("\"(sensitive)\""), json.out());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)));
    return text.out();
  }

  private void project(String target, String ref) throws IOException {
    Files.createDirectories(dir.resolve("functions/pay"));
    Files.writeString(
        dir.resolve("functions/pay/main.py"),
        "def handle(event, context):\n    return {'ok': True}\n");
    Files.writeString(
        dir.resolve("fnctl.yaml"),
        String.join(
            "\n",
            "apiVersion: fnctl.dev/v1",
            "stack: secrets",
            "targets:",
            "  t: " + target,
            "defaults: { runtime: python3.12, memory: 128, timeout: 10s }",
            "functions:",
            "  pay:",
            "    code: ./functions/pay",
            "    handler: main.handle",
            "    env: { MODE: live }",
            ref == null ? "" : "    secrets: { API_KEY: " + ref + " }",
            ""));
  }

  private static Map<String, String> awsEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("FNCTL_AWS_CONSISTENCY_WINDOW_MS", "3000");
    for (String unset : List.of("AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL"))
      env.put(unset, "");
    return env;
  }
}
