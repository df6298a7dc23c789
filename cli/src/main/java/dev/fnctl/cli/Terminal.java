package dev.fnctl.cli;

import java.io.Console;
import java.util.Optional;

/**
 * The user's terminal, if there is one. Confirmation prompts need it: without one (CI, a pipe) a
 * command that would ask must refuse instead, because nobody can answer.
 */
public interface Terminal {

  /** True when stdin and stdout are a terminal a person can answer on. */
  boolean interactive();

  /** Shows the prompt and reads one line; empty when input ended. */
  Optional<String> ask(String prompt);

  /** The JVM's console: present only when both stdin and stdout are terminals. */
  static Terminal system() {
    Console console = System.console();
    return new Terminal() {
      @Override
      public boolean interactive() {
        return console != null;
      }

      @Override
      public Optional<String> ask(String prompt) {
        if (console == null) return Optional.empty();
        return Optional.ofNullable(console.readLine("%s", prompt));
      }
    };
  }

  /** No terminal at all, as in CI. */
  Terminal NONE =
      new Terminal() {
        @Override
        public boolean interactive() {
          return false;
        }

        @Override
        public Optional<String> ask(String prompt) {
          return Optional.empty();
        }
      };
}
