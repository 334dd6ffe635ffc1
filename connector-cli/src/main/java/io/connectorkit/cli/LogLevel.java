package io.connectorkit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code --log-level} option of every command: sets {@code slf4j-simple}'s default level before
 * the first logger is made (the binding reads its configuration once). {@code debug} shows every
 * native call with its duration ({@code io.connectorkit.connector.<name>.query}), {@code trace}
 * also their parameters.
 */
final class LogLevel {
  static final String PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
  private static final Set<String> LEVELS =
      Set.of("trace", "debug", "info", "warn", "error", "off");

  private LogLevel() {}

  /**
   * Applies and removes {@code --log-level LEVEL} or {@code --log-level=LEVEL}.
   *
   * @return the other arguments, in order
   * @throws IllegalArgumentException for a missing or unknown level, naming the valid ones
   */
  static String[] apply(String[] args) {
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String level = null;
      if (arg.equals("--log-level")) {
        if (i + 1 >= args.length) {
          throw invalid(null);
        }
        level = args[++i];
      } else if (arg.startsWith("--log-level=")) {
        level = arg.substring("--log-level=".length());
      } else {
        rest.add(arg);
        continue;
      }
      String normalized = level.toLowerCase(Locale.ROOT);
      if (!LEVELS.contains(normalized)) {
        throw invalid(level);
      }
      System.setProperty(PROPERTY, normalized);
    }
    return rest.toArray(String[]::new);
  }

  private static IllegalArgumentException invalid(@Nullable String level) {
    return new IllegalArgumentException(
        "--log-level: "
            + (level == null ? "a level is required" : "unknown level \"" + level + "\"")
            + "; use one of trace, debug, info, warn, error, off");
  }

  /**
   * Shows, at INFO, the query log of every datasource of a datasource file that sets LoopBack's
   * {@code "debug": true}: the CLI's binding logs only warnings by default, and its levels are
   * fixed when a logger is first made, so this runs before the datasource exists. A level given for
   * that logger with {@code -D} (through {@code JAVA_OPTS}) wins. A file that cannot be read is
   * left to the datasource loader to report.
   */
  static void showQueriesOfDebugDataSources(java.nio.file.Path file) {
    Object json;
    try {
      json = Json.read(java.nio.file.Files.readString(file));
    } catch (java.io.IOException | RuntimeException e) {
      return;
    }
    if (!(json instanceof java.util.Map<?, ?> map)) {
      return;
    }
    java.util.Collection<?> entries = map.containsKey("connector") ? List.of(map) : map.values();
    for (Object entry : entries) {
      if (entry instanceof java.util.Map<?, ?> settings
          && Boolean.TRUE.equals(settings.get("debug"))
          && settings.get("connector") instanceof String connector) {
        String property =
            "org.slf4j.simpleLogger.log.io.connectorkit.connector." + connector + ".query";
        if (System.getProperty(property) == null) {
          System.setProperty(property, "info");
        }
      }
    }
  }
}
