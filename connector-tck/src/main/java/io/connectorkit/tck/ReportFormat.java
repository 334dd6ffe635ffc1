package io.connectorkit.tck;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats {@link TckReports} renders a compatibility report in. */
public enum ReportFormat {
  /** A plain-text table for a terminal. */
  TEXT("text", "txt"),
  /** GitHub-flavoured Markdown; deterministic (no timestamps or durations). */
  MARKDOWN("md", "md"),
  /** JSON, for tools. */
  JSON("json", "json"),
  /** One self-contained HTML page (inline CSS, no scripts, every value escaped). */
  HTML("html", "html");

  private final String id;
  private final String extension;

  ReportFormat(String id, String extension) {
    this.id = id;
    this.extension = extension;
  }

  /** The name used on the command line: {@code text}, {@code md}, {@code json}, {@code html}. */
  public String id() {
    return id;
  }

  /** The usual file name extension, without the dot. */
  public String extension() {
    return extension;
  }

  /**
   * The format of a command-line name: {@code text} (or {@code txt}), {@code md} (or {@code
   * markdown}), {@code json}, {@code html}; case-insensitive.
   *
   * @throws IllegalArgumentException naming the known formats
   */
  public static ReportFormat parse(String name) {
    requireNonNull(name, "name is null");
    String key = name.strip().toLowerCase(Locale.ROOT);
    return switch (key) {
      case "text", "txt", "terminal" -> TEXT;
      case "md", "markdown" -> MARKDOWN;
      case "json" -> JSON;
      case "html", "htm" -> HTML;
      default ->
          throw new IllegalArgumentException(
              "unknown report format \""
                  + name
                  + "\"; known: "
                  + Arrays.stream(values())
                      .map(ReportFormat::id)
                      .collect(Collectors.joining(", ")));
    };
  }
}
