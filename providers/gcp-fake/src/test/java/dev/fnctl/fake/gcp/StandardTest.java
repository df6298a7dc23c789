package dev.fnctl.fake.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.functions.v2.Function;
import com.google.cloud.functions.v2.ServiceConfig;
import com.google.protobuf.FieldMask;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardTest {
  private final Function current =
      Function.newBuilder()
          .setName("n")
          .setState(Function.State.ACTIVE)
          .putLabels("a", "1")
          .setServiceConfig(
              ServiceConfig.newBuilder().setAvailableMemory("256Mi").setTimeoutSeconds(60))
          .build();

  @Test
  void aMaskReplacesOnlyItsPaths() {
    Function patch =
        Function.newBuilder()
            .putLabels("b", "2")
            .setServiceConfig(ServiceConfig.newBuilder().setTimeoutSeconds(30))
            .build();
    Function updated =
        Standard.update(current, patch, FieldMask.newBuilder().addPaths("labels").build());
    assertEquals(java.util.Map.of("b", "2"), updated.getLabelsMap());
    assertEquals(60, updated.getServiceConfig().getTimeoutSeconds());
    assertEquals(Function.State.ACTIVE, updated.getState());
  }

  @Test
  void noMaskReplacesWhatTheCallerMaySetButKeepsOutputOnlyFields() {
    Function patch =
        Function.newBuilder().setState(Function.State.FAILED).setDescription("d").build();
    Function updated = Standard.update(current, patch, FieldMask.getDefaultInstance());
    assertEquals("d", updated.getDescription());
    assertTrue(updated.getLabelsMap().isEmpty());
    assertEquals(Function.State.ACTIVE, updated.getState(), "state is OUTPUT_ONLY");
    assertEquals("n", updated.getName());
  }

  @Test
  void anUnknownMaskPathIsRefused() {
    GoogleError error =
        assertThrows(
            GoogleError.class,
            () ->
                Standard.update(
                    current,
                    current,
                    FieldMask.newBuilder().addPaths("service_config.memory").build()));
    assertEquals(400, error.httpStatus);
  }

  @Test
  void filtersMatchLabelsAndFieldsAndRefuseWhatTheyDoNotSupport() {
    assertTrue(Standard.matches(current, "labels.a=1"));
    assertTrue(Standard.matches(current, "labels.a=\"1\" AND state=ACTIVE"));
    assertFalse(Standard.matches(current, "labels.a=2"));
    assertTrue(Standard.matches(current, "labels.a:*"));
    assertFalse(Standard.matches(current, "labels.b:*"));
    assertTrue(Standard.matches(current, "labels.b!=x"));
    assertThrows(GoogleError.class, () -> Standard.matches(current, "labels.a=1 OR (labels.b=2)"));
  }

  @Test
  void pagesFollowTheirTokens() {
    var first = Standard.page(List.of(1, 2, 3), 2, "", 100);
    assertEquals(List.of(1, 2), first.items());
    var second = Standard.page(List.of(1, 2, 3), 2, first.nextPageToken(), 100);
    assertEquals(List.of(3), second.items());
    assertEquals("", second.nextPageToken());
    assertThrows(GoogleError.class, () -> Standard.page(List.of(1), 1, "garbage!", 100));
  }

  @Test
  void memoryIsAnsweredInBinaryUnits() {
    assertEquals("256Mi", FunctionDeployment.binaryUnits("256M"));
    assertEquals("2Gi", FunctionDeployment.binaryUnits("2G"));
    assertEquals("512Mi", FunctionDeployment.binaryUnits("512Mi"));
  }
}
