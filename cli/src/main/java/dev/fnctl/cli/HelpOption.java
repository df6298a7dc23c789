package dev.fnctl.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} on every command. */
final class HelpOption {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Shows this help and exits.")
  boolean help;
}
