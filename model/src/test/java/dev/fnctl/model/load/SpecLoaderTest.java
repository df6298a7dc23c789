package dev.fnctl.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.spec.Budget;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Permission;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.model.spec.Trigger;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {
  static final Path VALID = Path.of("src/test/resources/valid");
  static final Path FULL = VALID.resolve("full.yaml");

  @TempDir Path tmp;

  private static Spec load(Path file, String target, Map<String, String> env) throws SpecException {
    return new SpecLoader(env).load(file, target);
  }

  /** Where {@code text} first occurs on a line that also contains {@code lineMarker}, 1-based. */
  private static Position find(Path file, String lineMarker, String text) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.contains(lineMarker)) {
        int col = line.indexOf(text);
        if (col >= 0) return new Position(file.toString(), i + 1, col + 1);
      }
    }
    throw new AssertionError(lineMarker + " not in " + file);
  }

  @Test
  void loadsEverythingTheSpecSays() throws Exception {
    Spec spec = load(FULL, null, Map.of());
    assertEquals("fnctl.dev/v1", spec.apiVersion());
    assertEquals("orders", spec.stack());
    assertEquals(List.of("dev", "cloud", "other"), List.copyOf(spec.targets().keySet()));
    assertEquals(
        Map.of("project", "acme-prod", "region", "europe-west1"),
        spec.targets().get("other").settings());
    assertEquals("gcp", spec.targets().get("other").provider());
    assertEquals(List.of("resize", "report"), List.copyOf(spec.functions().keySet()));

    FunctionSpec resize = spec.functions().get("resize");
    assertEquals("./functions/resize", resize.code());
    assertEquals("main.handle", resize.handler());
    assertEquals(1024, resize.settings().memory());
    assertEquals(Duration.ofSeconds(60), resize.settings().timeout());
    assertNull(resize.settings().runtime(), "a Spec keeps only what the function itself wrote");
    assertEquals(Map.of("API_KEY", "stripe-key"), resize.secrets());
    assertEquals(10, resize.concurrency().max());
    assertEquals(1, resize.concurrency().warm());

    List<Trigger> t = resize.triggers();
    assertEquals(new Trigger.Http("POST", "/resize", "none"), t.get(0));
    Trigger.Schedule cron = (Trigger.Schedule) t.get(1);
    assertEquals("0 9 * * 1-5", cron.cron().normalised());
    assertEquals("0 9 * * MON-FRI", cron.cron().expression());
    assertEquals("Europe/Berlin", cron.timezone());
    assertEquals(new Trigger.Schedule(null, Duration.ofMinutes(5), "UTC"), t.get(2));
    assertEquals(new Trigger.Queue("orders", 10), t.get(3));
    assertEquals(new Trigger.Storage("uploads", List.of("created"), "images/", null), t.get(4));
    assertEquals(new Trigger.Topic("order-events"), t.get(5));

    assertEquals(
        List.of(
            new Permission(Permission.Kind.BUCKET, "uploads", Permission.Access.READ),
            new Permission(Permission.Kind.BUCKET, "thumbs", Permission.Access.WRITE),
            new Permission(Permission.Kind.QUEUE, "orders", Permission.Access.CONSUME),
            new Permission(Permission.Kind.SECRET, "stripe-key", Permission.Access.READ),
            new Permission(Permission.Kind.FUNCTION, "report", Permission.Access.INVOKE)),
        resize.permissions());

    assertEquals(5, spec.queues().get("orders").deadLetter().maxReceives());
    assertEquals(Duration.ofMinutes(2), spec.queues().get("orders").visibilityTimeout());
    assertTrue(spec.buckets().get("thumbs").owned(), "an empty entry declares an owned bucket");
    assertFalse(spec.buckets().get("legacy").owned());
    assertEquals("acme-legacy-uploads", spec.buckets().get("legacy").existing());

    Budget budget = spec.budgets().get("monthly");
    assertEquals(new BigDecimal("200"), budget.amount());
    assertEquals("USD", budget.currency());
    assertEquals(Budget.Period.MONTHLY, budget.period());
    assertEquals(
        List.of(
            new Budget.Alert(80, false, List.of("ops@example.com")),
            new Budget.Alert(100, true, List.of("ops@example.com"))),
        budget.alerts());
  }

  @Test
  void recordsFileDigestAndBaseDirectory() throws Exception {
    Spec spec = load(FULL, null, Map.of());
    String sha =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(FULL)));
    assertEquals(sha, spec.digest());
    assertEquals(FULL, spec.file());
    assertEquals(FULL.toAbsolutePath().getParent().normalize(), spec.baseDir());

    Path copy = tmp.resolve("fnctl.yaml");
    Files.writeString(copy, Files.readString(FULL) + "\n# a comment changes the bytes\n");
    assertFalse(sha.equals(load(copy, null, Map.of()).digest()));
    assertEquals(tmp.toAbsolutePath().normalize(), load(copy, null, Map.of()).baseDir());
  }

  @Test
  void theSourceMapPointsAtWhatWasWritten() throws Exception {
    Spec spec = load(FULL, null, Map.of());
    var map = spec.sourceMap();
    assertEquals(find(FULL, "memory: 1024", "1024"), map.find("functions.resize.memory"));
    assertEquals(
        find(FULL, "MON-FRI", "\"0 9"), map.find("functions.resize.triggers[1].schedule.cron"));
    assertEquals(
        find(FULL, "- schedule: { cron", "-").column() + 2,
        map.find("functions.resize.triggers[1]").column());
    assertEquals(find(FULL, "cloud: {", "eu-west-1"), map.find("targets.cloud.region"));
    assertEquals(find(FULL, "  resize:", "resize"), map.find("functions.resize"));
    assertEquals(find(FULL, "budgets:", "budgets"), map.find("budgets"));
    // A path never written falls back to its nearest written ancestor.
    assertEquals(map.find("functions.report"), map.find("functions.report.memory"));
    Diagnostic d = map.at("targets.cloud.region", "no such region");
    assertEquals(
        FULL
            + ":"
            + find(FULL, "cloud: {", "eu-west-1").line()
            + ":"
            + find(FULL, "cloud: {", "eu-west-1").column()
            + ": targets.cloud.region: no such region",
        d.render());
  }

  @Test
  void mergesSettingsForEachTarget() throws Exception {
    Spec spec = load(FULL, "cloud", Map.of());
    Deployment cloud = spec.forTarget("cloud");
    FunctionSpec resize = cloud.functions().get("resize");
    assertEquals(
        2048, resize.memory(), "target's functions.NAME beats target defaults and the function");
    assertEquals("python3.12", resize.runtime(), "from defaults:");
    assertEquals(Duration.ofSeconds(60), resize.timeout(), "the function's own");
    assertEquals("x86_64", resize.architecture(), "built in");
    assertEquals("fast", resize.env().get("MODE"), "env maps merge key by key");
    assertEquals("thumbs", resize.env().get("THUMBS"));
    FunctionSpec report = cloud.functions().get("report");
    assertEquals(512, report.memory(), "target defaults beat spec defaults");
    assertEquals("nodejs22", report.runtime(), "the function's runtime beats defaults");
    assertEquals("arm64", report.architecture());
    assertEquals(Duration.ofSeconds(30), report.timeout());

    Deployment dev = load(FULL, "dev", Map.of()).forTarget("dev");
    assertEquals(1024, dev.functions().get("resize").memory());
    assertEquals(256, dev.functions().get("report").memory());
    assertEquals("local", dev.target().provider());
  }

  @Test
  void resolvesVariablesForTheChosenTarget() throws Exception {
    Map<String, String> env = Map.of("FNCTL_TEST_REGION", "us-east-2");
    Map<String, String> devEnv = load(FULL, null, env).functions().get("resize").env();
    assertEquals("dev", devEnv.get("TARGET"), "the default target is the first local one");
    assertEquals("orders", devEnv.get("STACK"));
    assertEquals("us-east-2", devEnv.get("REGION"));
    assertEquals("${not-a-variable}", devEnv.get("PRICE"), "$${ writes a literal ${");
    Map<String, String> cloudEnv = load(FULL, "cloud", Map.of()).functions().get("resize").env();
    assertEquals("cloud", cloudEnv.get("TARGET"));
    assertEquals("eu-west-1", cloudEnv.get("REGION"), "the default after :-");
  }

  @Test
  void variablesCanFillNumbersAndProviderSettings() throws Exception {
    Path file = tmp.resolve("vars.yaml");
    Files.writeString(
        file,
        """
        apiVersion: fnctl.dev/v1
        stack: ${env:STACK_NAME}
        targets:
          main: { provider: local, dir: "${stack}-${target}" }
        functions:
          f: { code: ./f, handler: h, runtime: python3.12, memory: "${env:MEM:-640}" }
        """);
    Spec spec = load(file, null, Map.of("STACK_NAME", "shop"));
    assertEquals("shop", spec.stack());
    assertEquals("shop-main", spec.targets().get("main").setting("dir"));
    assertEquals(640, spec.functions().get("f").settings().memory());
  }

  @Test
  void envValuesAreTakenAsWrittenAndEveryKeyIsInTheSourceMap() throws Exception {
    Path file = tmp.resolve("env.yaml");
    Files.writeString(
        file,
        """
        apiVersion: fnctl.dev/v1
        stack: s
        functions:
          f:
            code: ./f
            handler: h
            runtime: python3.12
            env: { DEBUG: yes, VERSION: 1.10, PORT: 8080, EMPTY: "" }
        """);
    Spec spec = load(file, null, Map.of());
    assertEquals(
        Map.of("DEBUG", "yes", "VERSION", "1.10", "PORT", "8080", "EMPTY", ""),
        spec.functions().get("f").env());
    assertEquals(
        new Position(file.toString(), 8, 19), spec.sourceMap().find("functions.f.env.DEBUG"));
    assertTrue(
        spec.sourceMap()
            .positions()
            .keySet()
            .containsAll(
                List.of(
                    "apiVersion",
                    "stack",
                    "functions",
                    "functions.f",
                    "functions.f.code",
                    "functions.f.env.PORT")));
  }

  @Test
  void yamlAnchorsAndMergeKeysWork() throws Exception {
    Path file = VALID.resolve("anchors.yaml");
    Spec spec = load(file, null, Map.of());
    assertEquals(1024, spec.functions().get("nightly").settings().memory(), "written keys win");
    assertEquals(512, spec.functions().get("hourly").settings().memory());
    assertEquals("java17", spec.functions().get("hourly").settings().runtime());
    assertEquals("dev.example.Handler::handle", spec.functions().get("hourly").handler());
    assertEquals("local", SpecLoader.chooseTarget(spec, null));
  }

  @Test
  void aSpecWithoutTargetsDeploysToTheImplicitLocalTarget() throws Exception {
    Spec spec = load(VALID.resolve("minimal.yaml"), null, Map.of());
    assertTrue(spec.targets().isEmpty());
    assertEquals("local", SpecLoader.chooseTarget(spec, null));
    assertEquals("local", SpecLoader.chooseTarget(spec, "local"));
    Deployment d = spec.forTarget("local");
    assertEquals("local", d.target().provider());
    assertEquals(256, d.functions().get("hello").memory());
    assertEquals(
        new Trigger.Http("ANY", "/", "none"), d.functions().get("hello").triggers().get(0));
    SpecException e =
        assertThrows(SpecException.class, () -> SpecLoader.chooseTarget(spec, "prod"));
    assertTrue(e.getMessage().contains("declares no targets"), e.getMessage());
  }

  @Test
  void theDefaultTargetRule() throws Exception {
    Spec full = load(FULL, null, Map.of());
    assertEquals("dev", SpecLoader.chooseTarget(full, null));
    assertEquals("other", SpecLoader.chooseTarget(full, "other"));
    SpecException typo =
        assertThrows(SpecException.class, () -> SpecLoader.chooseTarget(full, "clod"));
    assertEquals(
        "there is no target 'clod': did you mean 'cloud'? the spec declares dev, cloud, other",
        typo.diagnostics().get(0).message());
    assertEquals(full.sourceMap().find("targets"), typo.diagnostics().get(0).position());

    Path one = tmp.resolve("one.yaml");
    Files.writeString(
        one, "apiVersion: fnctl.dev/v1\nstack: s\ntargets:\n  prod: { provider: aws }\n");
    assertEquals(
        "prod", SpecLoader.chooseTarget(load(one, null, Map.of()), null), "the only target");

    Path two = tmp.resolve("two.yaml");
    Files.writeString(
        two,
        "apiVersion: fnctl.dev/v1\n"
            + "stack: s\n"
            + "targets:\n"
            + "  eu: { provider: aws }\n"
            + "  us: { provider: aws }\n");
    assertEquals("us", SpecLoader.chooseTarget(load(two, "us", Map.of()), "us"));
    SpecException ambiguous = assertThrows(SpecException.class, () -> load(two, null, Map.of()));
    assertEquals(
        two
            + ":3:1: targets: the spec declares several targets (eu, us) and none uses provider"
            + " local: choose one with -t",
        ambiguous.diagnostics().get(0).render());
  }

  @Test
  void anUnknownRequestedTargetIsReportedWithTheOtherProblems() throws Exception {
    Path file = tmp.resolve("f.yaml");
    Files.writeString(
        file,
        "apiVersion: fnctl.dev/v1\nstack: s\ntargets:\n  dev: { provider: local }\nmemory: 5\n");
    SpecException e = assertThrows(SpecException.class, () -> load(file, "prod", Map.of()));
    assertEquals(
        List.of(
            file + ":3:1: targets: there is no target 'prod': the spec declares dev",
            file
                + ":5:1: memory: unknown field 'memory': expected one of: apiVersion, stack,"
                + " targets, defaults, functions, queues, topics, buckets, budgets"),
        e.diagnostics().stream().map(Diagnostic::render).toList());
  }

  @Test
  void aMissingFileIsOneClearProblem() {
    Path missing = tmp.resolve("nope.yaml");
    SpecException e = assertThrows(SpecException.class, () -> load(missing, null, Map.of()));
    assertEquals(1, e.diagnostics().size());
    assertEquals(
        missing + ": file not found; create one with 'fnctl init' or point at it with -f FILE",
        e.diagnostics().get(0).render());
    SpecException dir = assertThrows(SpecException.class, () -> load(tmp, null, Map.of()));
    assertTrue(dir.getMessage().contains("is a directory"), dir.getMessage());
  }

  @Test
  void notUtf8IsRefused() throws Exception {
    Path file = tmp.resolve("latin1.yaml");
    Files.write(file, new byte[] {'s', 't', 'a', 'c', 'k', ':', ' ', (byte) 0xE9, '\n'});
    SpecException e = assertThrows(SpecException.class, () -> load(file, null, Map.of()));
    assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
  }

  @Test
  void everyProblemIsCollectedNotJustTheFirst() throws Exception {
    SpecException e =
        assertThrows(
            SpecException.class,
            () -> load(Path.of("src/test/resources/invalid/budgets.yaml"), null, Map.of()));
    assertTrue(e.diagnostics().size() >= 8, e.diagnostics().toString());
    assertEquals(e.diagnostics().size() + " problems", e.getMessage());
  }

  @Test
  void theEnvironmentMapIsCopied() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(Map.of("FNCTL_TEST_REGION", "ap-south-1"));
    SpecLoader loader = new SpecLoader(env);
    env.put("FNCTL_TEST_REGION", "changed");
    assertEquals(
        "ap-south-1", loader.load(FULL, null).functions().get("resize").env().get("REGION"));
  }

  @Test
  void everyTargetIsLoadedFromOneReadWhateverTheAliasesAndWithoutADefaultTarget() throws Exception {
    StringBuilder yaml =
        new StringBuilder(
            "apiVersion: fnctl.dev/v1\nstack: orders\nx-base: &base { runtime: python3.12, handler: main.h }\n"
                + "targets:\n  eu: { provider: aws, region: eu-west-1 }\n  us: { provider: aws, region: us-east-1 }\n"
                + "functions:\n");
    for (int i = 0; i < 60; i++)
      yaml.append("  f")
          .append(i)
          .append(": { <<: *base, code: ./f, env: { AT: \"${target}\" } }\n");
    Path file = tmp.resolve("aliases.yaml");
    Files.writeString(file, yaml.toString());

    List<SpecLoader.ForTarget> loaded = new SpecLoader(Map.of()).loadEveryTarget(file);
    assertEquals(List.of("eu", "us"), loaded.stream().map(SpecLoader.ForTarget::target).toList());
    for (SpecLoader.ForTarget t : loaded) {
      assertEquals(List.of(), t.problems());
      assertEquals(60, t.spec().functions().size());
      assertEquals(t.target(), t.spec().functions().get("f59").env().get("AT"));
    }
  }

  @Test
  void everyTargetOfASpecWithNoneIsTheImplicitLocalAndProblemsComeWithThePartialSpec()
      throws Exception {
    Path file = tmp.resolve("none.yaml");
    Files.writeString(
        file,
        "apiVersion: fnctl.dev/v1\nstack: orders\nfunctions:\n  f: { code: ./f, handler: h, runtime: python3.12, memory: lots }\n");
    List<SpecLoader.ForTarget> loaded = new SpecLoader(Map.of()).loadEveryTarget(file);
    assertEquals(1, loaded.size());
    assertEquals(Deployment.IMPLICIT_LOCAL, loaded.get(0).target());
    assertEquals(1, loaded.get(0).problems().size(), loaded.get(0).problems().toString());
    assertEquals("orders", loaded.get(0).spec().stack());
    assertNull(loaded.get(0).spec().functions().get("f").settings().memory());
  }
}
