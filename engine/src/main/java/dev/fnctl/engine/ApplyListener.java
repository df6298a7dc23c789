package dev.fnctl.engine;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.ProviderException;
import java.time.Duration;

/**
 * Progress as apply goes: views print these as lines ("+ local:function/resize: creating...", "...
 * created (2s)"). Calls may come from several threads, but never two at once.
 */
public interface ApplyListener {
  void started(ResourceChange change);

  void finished(ResourceChange change, Duration took);

  void failed(ResourceChange change, String message);

  /**
   * A change failed, with the kind of failure, the same words on every provider. Views that show
   * the kind override this; by default it is the plain {@link #failed(ResourceChange, String)}.
   */
  default void failed(ResourceChange change, String message, ProviderException.Kind kind) {
    failed(change, message);
  }

  /**
   * A change is still running, at least every {@link ApplyOptions#progressEvery()} (10 seconds), so
   * that a long create in a CI log is visibly alive: "Still creating... [10s elapsed]".
   *
   * @param step what it is doing now: CREATE, UPDATE or DELETE (one half of a replacement)
   */
  default void stillRunning(ResourceChange change, Action step, Duration elapsed) {}

  /**
   * The first of a replacement's two steps is done (the old one deleted, or the new one created):
   * if the second fails, the user knows which half was made.
   */
  default void halfDone(ResourceChange change, Action step, Duration took) {}

  /** A provider note (a retry, a wait for an asynchronous update). */
  default void note(String message) {}

  ApplyListener NONE =
      new ApplyListener() {
        public void started(ResourceChange change) {}

        public void finished(ResourceChange change, Duration took) {}

        public void failed(ResourceChange change, String message) {}
      };
}
