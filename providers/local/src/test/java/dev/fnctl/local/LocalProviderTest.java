package dev.fnctl.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fnctl.model.load.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProviderTest {
  @TempDir Path tmp;

  @Test
  void existingMayNotNameWhatThisTargetMakesForTheStack() throws Exception {
    Path file =
        Files.writeString(
            tmp.resolve("fnctl.yaml"),
            String.join(
                "\n",
                "apiVersion: fnctl.dev/v1",
                "stack: shop",
                "queues:",
                "  orders: {}",
                "  old: { existing: shop-local-orders }",
                "buckets:",
                "  uploads: {}",
                "  legacy: { existing: shop-local-uploads }",
                "  acme: { existing: acme-uploads }",
                ""));
    var d = new SpecLoader(Map.of()).load(file, null).forTarget("local");
    assertEquals(
        List.of(
            "queues.old.existing: 'shop-local-orders' is the name of 'orders' of this stack on"
                + " target local, which the stack itself creates and deletes: existing: names"
                + " something the stack does not own; use 'orders' by its spec name instead",
            "buckets.legacy.existing: 'shop-local-uploads' is the name of 'uploads' of this stack"
                + " on target local, which the stack itself creates and deletes: existing: names"
                + " something the stack does not own; use 'uploads' by its spec name instead"),
        new LocalProvider().validate(d).stream().map(p -> p.path() + ": " + p.message()).toList());
  }
}
