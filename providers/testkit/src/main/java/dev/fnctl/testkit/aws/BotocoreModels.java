package dev.fnctl.testkit.aws;

import dev.fnctl.model.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The botocore service models of the APIs fnctl calls, read from the botocore that moto's own
 * Python runs with. They are read from that installation rather than vendored: moto is required for
 * every test that sees them anyway, and the model moto was built against is the one whose rules the
 * strict layer should add (a vendored copy would drift from the moto it fronts and add megabytes of
 * JSON to keep up to date). {@code FNCTL_BOTOCORE_DATA} (or the system property {@code
 * fnctl.botocore.data}) points at a {@code botocore/data} directory explicitly.
 */
final class BotocoreModels {
  /** botocore's directory names of the APIs fnctl calls. */
  static final List<String> SERVICES =
      List.of(
          "lambda",
          "apigatewayv2",
          "scheduler",
          "iam",
          "sns",
          "sqs",
          "budgets",
          "resourcegroupstaggingapi",
          "s3",
          "ssm",
          "sts");

  private static volatile Map<String, ServiceModel> loaded;

  private BotocoreModels() {}

  /** The models by signing name ({@code lambda}, {@code apigateway}, {@code tagging}, ...). */
  static Map<String, ServiceModel> bySigningName() {
    Map<String, ServiceModel> m = loaded;
    if (m != null) return m;
    synchronized (BotocoreModels.class) {
      if (loaded == null) loaded = load(dataDirectory());
      return loaded;
    }
  }

  static Map<String, ServiceModel> load(Path data) {
    Map<String, ServiceModel> out = new LinkedHashMap<>();
    for (String service : SERVICES) {
      Path model = latest(data.resolve(service));
      ServiceModel m = ServiceModel.of(service, Json.parseObject(read(model)));
      out.put(m.signingName(), m);
    }
    return Map.copyOf(out);
  }

  /** The newest API version's model (lambda ships 2014-11-11 and 2015-03-31). */
  private static Path latest(Path serviceDir) {
    try (Stream<Path> versions = Files.list(serviceDir)) {
      Path dir =
          versions
              .filter(Files::isDirectory)
              .max(Comparator.comparing(p -> p.getFileName().toString()))
              .orElseThrow(() -> new IllegalStateException("no model versions in " + serviceDir));
      Path plain = dir.resolve("service-2.json");
      return Files.exists(plain) ? plain : dir.resolve("service-2.json.gz");
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + serviceDir + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** botocore/data of the Python that runs moto_server. */
  static Path dataDirectory() {
    String given = System.getProperty("fnctl.botocore.data", System.getenv("FNCTL_BOTOCORE_DATA"));
    if (given != null && !given.isBlank()) return Path.of(given);
    Path script = MotoServer.find("moto_server");
    String python = interpreter(script);
    if (python == null) {
      // a pyenv shim is a bash script; pyenv names the real one
      String real = run("pyenv", "which", "moto_server");
      if (real != null) python = interpreter(Path.of(real));
    }
    if (python == null)
      throw new IllegalStateException(
          "cannot tell which Python runs "
              + script
              + ": set FNCTL_BOTOCORE_DATA to its botocore/data");
    String dir = run(python, "-c", "import botocore,os;print(os.path.dirname(botocore.__file__))");
    if (dir == null)
      throw new IllegalStateException(python + " cannot import botocore (moto needs it)");
    return Path.of(dir, "data");
  }

  /** The interpreter a script's #! line names, when it is a Python. */
  private static String interpreter(Path script) {
    try (InputStream in = Files.newInputStream(script)) {
      String first =
          new String(in.readNBytes(300), StandardCharsets.UTF_8).lines().findFirst().orElse("");
      if (!first.startsWith("#!") || !first.contains("python")) return null;
      String[] words = first.substring(2).trim().split("\\s+");
      return words[0].endsWith("/env") && words.length > 1 ? words[1] : words[0];
    } catch (IOException e) {
      return null;
    }
  }

  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) return null;
      return out.lines().reduce((a, b) -> b).orElse(null);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
