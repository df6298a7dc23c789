package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storage trigger is an Event Grid subscription on the data account delivering the bucket's blob
 * events to the function's eventGridTrigger: made after the package (the function must exist),
 * filtered by prefix and suffix, labelled as fnctl's, changed in place, removed by destroy.
 */
class AzureStorageTriggerIT {
  @RegisterExtension static AzureFakes azure = new AzureFakes();
  @TempDir Path dir;

  @Test
  void aBucketsEventsReachTheFunction() throws Exception {
    azure.resetGroup();
    Files.createDirectories(dir.resolve("fn"));
    Files.writeString(dir.resolve("fn/main.py"), "def handle(event):\n    return None\n");
    Path spec = dir.resolve("fnctl.yaml");
    Files.writeString(
        spec,
        """
        apiVersion: fnctl.dev/v1
        stack: uploads
        targets:
          azure: %s
        defaults: { runtime: python3.12, memory: 2048 }
        functions:
          resize:
            code: ./fn
            handler: main.handle
            triggers:
              - storage: { bucket: images, events: [created], prefix: in/, suffix: .jpg }
            permissions:
              - { bucket: images, access: read }
        buckets:
          images: {}
        """
            .formatted(AzureSamples.target(azure.settings(), false)));
    EngineOnFake fnctl = new EngineOnFake(azure, spec, "azure");
    assertTrue(fnctl.apply().succeeded());
    assertEquals(List.of(), EngineOnFake.shape(fnctl.plan()));

    List<String> subscriptions =
        azure.arm.ids("/providers/microsoft.eventgrid/eventsubscriptions/");
    assertEquals(1, subscriptions.size(), subscriptions.toString());
    String body = azure.arm.get(subscriptions.get(0));
    assertTrue(body.contains("\"endpointType\":\"AzureFunction\""), body);
    assertTrue(body.contains("/functions/resize-storage-"), body);
    assertTrue(
        body.contains(
            "\"subjectBeginsWith\":\"/blobServices/default/containers/images/blobs/in/\""),
        body);
    assertTrue(body.contains("\"subjectEndsWith\":\".jpg\""), body);
    assertTrue(body.contains("Microsoft.Storage.BlobCreated"), body);
    assertTrue(body.contains("fnctl-stack=uploads"), body);

    // Deleted events too: the same trigger (bucket, prefix, suffix), changed in place.
    Files.writeString(
        spec, Files.readString(spec).replace("events: [created]", "events: [created, deleted]"));
    Plan p = fnctl.plan();
    List<ResourceChange> changes = EngineOnFake.changes(p);
    assertEquals(1, changes.size(), EngineOnFake.shape(p).toString());
    assertEquals(Action.UPDATE, changes.get(0).action());
    assertEquals(List.of(EventSubscriptionType.EVENTS), changes.get(0).changedProperties());
    assertTrue(fnctl.apply().succeeded());
    assertTrue(azure.arm.get(subscriptions.get(0)).contains("Microsoft.Storage.BlobDeleted"));
    assertEquals(List.of(), EngineOnFake.shape(fnctl.plan()));

    assertTrue(fnctl.destroy().succeeded());
    assertEquals(List.of(), azure.arm.ids("/providers/microsoft.eventgrid/eventsubscriptions/"));
  }
}
