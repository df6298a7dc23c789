package dev.fnctl.engine;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.ResourceChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records progress events as lines: "started a", "finished a", "failed a: why", "note ...". */
class RecordingListener implements ApplyListener {
  final List<String> events = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void started(ResourceChange change) {
    events.add("started " + change.address());
  }

  @Override
  public void finished(ResourceChange change, Duration took) {
    events.add("finished " + change.address());
  }

  @Override
  public void failed(ResourceChange change, String message) {
    events.add("failed " + change.address() + ": " + message);
  }

  @Override
  public void halfDone(ResourceChange change, Action step, Duration took) {
    events.add("half " + change.address() + " " + step.word());
  }

  @Override
  public void stillRunning(ResourceChange change, Action step, Duration elapsed) {
    events.add("still " + change.address() + " " + step.word() + " " + elapsed.toMillis());
  }

  @Override
  public void note(String message) {
    events.add("note " + message);
  }

  List<String> starts() {
    synchronized (events) {
      return events.stream()
          .filter(e -> e.startsWith("started "))
          .map(e -> e.substring(8))
          .toList();
    }
  }
}
