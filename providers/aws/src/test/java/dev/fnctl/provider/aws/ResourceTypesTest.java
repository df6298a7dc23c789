package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every AWS resource type has exactly one handler, and what the layouts make is all handled. */
class ResourceTypesTest {
  private final StackNames names = new StackNames("orders", "prod", "eu-west-1", "123456789012");
  // Handlers only hold their service; nothing here calls AWS.
  private final ResourceTypes types = new ResourceTypes(new AwsServices(null, 0), names);

  @Test
  void everyTypeConstantHasOneHandler() throws Exception {
    Set<String> constants = new TreeSet<>();
    for (var f : AwsTypes.class.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class) continue;
      String value = (String) f.get(null);
      // Containers are documents resources sit in, not resources of their own.
      if (!value.equals(AwsTypes.NOTIFICATIONS) && !value.equals(AwsTypes.POLICY))
        constants.add(value);
    }
    assertEquals(constants, new TreeSet<>(types.types()));
    assertEquals(17, constants.size());
  }

  @Test
  void everythingTheLayoutsMakeHasAHandler() throws Exception {
    Spec everything = TestSpecs.everything("orders", Path.of("/nonexistent"), "legacy", Map.of());
    Deployment d = TestSpecs.prod(everything);
    Set<String> made = new TreeSet<>();
    for (Resource r : StackLayout.offline(names).expand(d)) {
      types.of(r.type(), r.address());
      made.add(r.type());
    }
    assertTrue(made.size() >= 15, made.toString());
  }

  @Test
  void anUnknownTypeIsAProviderErrorNamingTheResource() {
    ProviderException e =
        assertThrows(ProviderException.class, () -> types.of("aws:x:thing", "aws:x:thing/a"));
    assertEquals("unknown AWS resource type aws:x:thing at aws:x:thing/a", e.getMessage());
  }
}
