package dev.fnctl.engine;

import dev.fnctl.model.plan.ResourceChange;
import java.time.Duration;

/**
 * Progress as apply goes: views print these as lines ("+ local:function/resize: creating...", "...
 * created (2s)").
 */
public interface ApplyListener {
  void started(ResourceChange change);

  void finished(ResourceChange change, Duration took);

  void failed(ResourceChange change, String message);

  /** A provider note (a retry, a wait for an asynchronous update). */
  default void note(String message) {}

  ApplyListener NONE =
      new ApplyListener() {
        public void started(ResourceChange change) {}

        public void finished(ResourceChange change, Duration took) {}

        public void failed(ResourceChange change, String message) {}
      };
}
