package io.connectorkit.tck;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.connectorkit.core.common.Feature;
import io.connectorkit.tck.CompatibilityMatrix.FeatureRow;
import io.connectorkit.tck.CompatibilityMatrix.SectionRow;
import io.connectorkit.tck.CompatibilityMatrix.Tally;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a {@link TckReport} as a compatibility report: the connector, its declared features, the
 * totals, a matrix per optional feature and per section of docs/contract.md ({@link
 * CompatibilityMatrix}), every failing test with its message and every skipped test with its
 * reason. Every format is deterministic: the same results give the same text (no timestamps, no
 * durations; failures and skips sorted by test name).
 */
public final class TckReports {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TckReports() {}

  /** The report in {@code format}. */
  public static String render(TckReport report, ReportFormat format) {
    requireNonNull(report, "report is null");
    requireNonNull(format, "format is null");
    return switch (format) {
      case TEXT -> text(report);
      case MARKDOWN -> markdown(report);
      case JSON -> json(report);
      case HTML -> html(report);
    };
  }

  /** One line: {@code PASSED: 312 tests, 310 passed, 0 failed, 2 skipped}. */
  public static String summary(TckReport report) {
    return verdict(report)
        + ": "
        + report.results().size()
        + " tests, "
        + report.count(TckResult.Status.PASSED)
        + " passed, "
        + report.count(TckResult.Status.FAILED)
        + " failed, "
        + report.count(TckResult.Status.SKIPPED)
        + " skipped";
  }

  private static String verdict(TckReport report) {
    if (report.results().isEmpty()) {
      return "NO TESTS RUN";
    }
    return report.passed() ? "PASSED" : "FAILED";
  }

  // ---------------------------------------------------------------- text

  /** A plain-text report for a terminal. */
  public static String text(TckReport report) {
    CompatibilityMatrix matrix = CompatibilityMatrix.of(report);
    StringBuilder out = new StringBuilder();
    out.append("ConnectorKit TCK: connector ").append(report.connector()).append('\n');
    out.append("Declared features: ").append(declared(report)).append('\n');
    out.append(summary(report)).append("\n\n");

    List<List<String>> features = new ArrayList<>();
    features.add(List.of("Feature", "Declared", "Status", "Passed", "Failed", "Skipped"));
    for (FeatureRow row : matrix.features()) {
      features.add(
          cells(row, row.feature().name(), row.declared() ? "yes" : "no", row.status().label()));
    }
    table(out, features, 3);
    out.append('\n');

    List<List<String>> sections = new ArrayList<>();
    sections.add(List.of("Section", "Title", "Status", "Passed", "Failed", "Skipped"));
    for (SectionRow row : matrix.sections()) {
      sections.add(cells(row, row.section(), row.title(), row.status().label()));
    }
    table(out, sections, 3);

    List<TckResult> failures = sorted(report, TckResult.Status.FAILED);
    if (!failures.isEmpty()) {
      out.append("\nFailed tests (").append(failures.size()).append("):\n");
      for (TckResult failure : failures) {
        out.append("  FAIL [").append(failure.section()).append("] ");
        out.append(failure.name()).append('\n');
        for (String line : failure.message().strip().split("\\R", -1)) {
          out.append("       ").append(line).append('\n');
        }
      }
    }
    List<TckResult> skipped = sorted(report, TckResult.Status.SKIPPED);
    if (!skipped.isEmpty()) {
      out.append("\nSkipped tests (").append(skipped.size()).append("):\n");
      appendSkips(
          out,
          skipped,
          (count, bySection, reason) ->
              "  SKIP " + count + " tests (" + bySection + "): " + reason + "\n",
          (section, name, reason) -> "  SKIP [" + section + "] " + name + ": " + reason + "\n");
    }
    return out.toString();
  }

  /** Pads columns; the columns from {@code firstNumeric} on are right-aligned. */
  private static void table(StringBuilder out, List<List<String>> rows, int firstNumeric) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = rows.get(r).get(i);
        String pad = " ".repeat(widths[i] - cell.length());
        if (i > 0) {
          line.append("  ");
        }
        line.append(i >= firstNumeric ? pad + cell : cell + pad);
      }
      out.append(line.toString().stripTrailing()).append('\n');
      if (r == 0) {
        int total = 0;
        for (int width : widths) {
          total += width;
        }
        out.append("-".repeat(total + 2 * (columns - 1))).append('\n');
      }
    }
  }

  // ---------------------------------------------------------------- markdown

  /** GitHub-flavoured Markdown; the compatibility matrix committed under {@code docs/}. */
  public static String markdown(TckReport report) {
    CompatibilityMatrix matrix = CompatibilityMatrix.of(report);
    StringBuilder out = new StringBuilder();
    out.append("# TCK compatibility report: `").append(report.connector()).append("`\n\n");
    out.append(
        "Generated by `connectorkit tck` from the ConnectorKit TCK's results; do not edit by"
            + " hand.\n\n");
    out.append("**").append(summary(report)).append("**\n\n");
    out.append("Declared features: ").append(declared(report)).append("\n\n");

    out.append("## Optional features (docs/contract.md C7)\n\n");
    out.append("| feature | declared | status | passed | failed | skipped |\n");
    out.append("|---|---|---|---:|---:|---:|\n");
    for (FeatureRow row : matrix.features()) {
      out.append("| `")
          .append(row.feature().name())
          .append("` | ")
          .append(row.declared() ? "yes" : "no")
          .append(" | ")
          .append(
              row.status() == CompatibilityMatrix.FeatureStatus.FAILED
                  ? "**FAILED**"
                  : row.status().label())
          .append(markdownCounts(row));
    }
    out.append(
        "\n*supported*: declared, and every test of it passed. *unsupported (verified)*: not"
            + " declared, and the connector refuses it with `UNSUPPORTED_OPERATION` and the"
            + " standard message (two-sided check). *untested*: no test of it ran.\n\n");

    out.append("## Contract sections\n\n");
    out.append(
        "Sections of `docs/contract.md`, shipped in the TCK jar as"
            + " `META-INF/connectorkit/contract.md`.\n\n");
    out.append("| section | title | status | passed | failed | skipped |\n");
    out.append("|---|---|---|---:|---:|---:|\n");
    for (SectionRow row : matrix.sections()) {
      out.append("| ")
          .append(cell(row.section()))
          .append(" | ")
          .append(cell(row.title()))
          .append(" | ")
          .append(
              row.status() == CompatibilityMatrix.SectionStatus.FAILED
                  ? "**FAILED**"
                  : row.status().label())
          .append(markdownCounts(row));
    }

    List<TckResult> failures = sorted(report, TckResult.Status.FAILED);
    out.append("\n## Failed tests (").append(failures.size()).append(")\n\n");
    if (failures.isEmpty()) {
      out.append("None.\n");
    }
    for (TckResult failure : failures) {
      out.append("- **")
          .append(cell(failure.section()))
          .append("** ")
          .append(code(failure.name()))
          .append("\n\n");
      String fence = fence(failure.message());
      out.append("  ").append(fence).append('\n');
      for (String line : failure.message().strip().split("\\R", -1)) {
        out.append("  ").append(line).append('\n');
      }
      out.append("  ").append(fence).append("\n\n");
    }

    List<TckResult> skipped = sorted(report, TckResult.Status.SKIPPED);
    out.append("\n## Skipped tests (").append(skipped.size()).append(")\n\n");
    if (skipped.isEmpty()) {
      out.append("None.\n");
    }
    appendSkips(
        out,
        skipped,
        (count, bySection, reason) ->
            "- **" + count + " tests** (" + cell(bySection) + "): " + cell(reason) + "\n",
        (section, name, reason) ->
            "- **" + cell(section) + "** " + code(name) + ": " + cell(reason) + "\n");
    return out.toString();
  }

  /** Escapes text for a Markdown table cell or list item. */
  private static String cell(String text) {
    return oneLine(text)
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("`", "\\`")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }

  /** Inline code that survives backticks in the text. */
  private static String code(String text) {
    String line = oneLine(text);
    String ticks = "`";
    while (line.contains(ticks)) {
      ticks += "`";
    }
    String pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
    return ticks + pad + line + pad + ticks;
  }

  /** A code fence longer than any run of backticks in the text. */
  private static String fence(String text) {
    String fence = "```";
    while (text.contains(fence)) {
      fence += "`";
    }
    return fence;
  }

  // ---------------------------------------------------------------- json

  /** JSON: the connector, totals, the matrix and every result. */
  public static String json(TckReport report) {
    CompatibilityMatrix matrix = CompatibilityMatrix.of(report);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("connector", report.connector());
    root.put(
        "declared",
        report.declared().stream().sorted().map(Feature::name).collect(Collectors.toList()));
    root.put("passed", report.passed());
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("tests", report.results().size());
    totals.put("passed", report.count(TckResult.Status.PASSED));
    totals.put("failed", report.count(TckResult.Status.FAILED));
    totals.put("skipped", report.count(TckResult.Status.SKIPPED));
    root.put("totals", totals);
    List<Map<String, Object>> features = new ArrayList<>();
    for (FeatureRow row : matrix.features()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("feature", row.feature().name());
      item.put("declared", row.declared());
      item.put("status", row.status().label());
      putCounts(item, row);
      features.add(item);
    }
    root.put("features", features);
    List<Map<String, Object>> sections = new ArrayList<>();
    for (SectionRow row : matrix.sections()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("section", row.section());
      item.put("title", row.title());
      item.put("status", row.status().label());
      putCounts(item, row);
      sections.add(item);
    }
    root.put("sections", sections);
    List<Map<String, Object>> results = new ArrayList<>();
    for (TckResult result : report.results()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("name", result.name());
      item.put("section", result.section());
      item.put("areas", result.areas().stream().sorted().toList());
      item.put("features", result.features().stream().sorted().map(Feature::name).toList());
      item.put("status", result.status().name());
      item.put("message", result.message());
      results.add(item);
    }
    root.put("results", results);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- html

  /** One self-contained HTML page: inline CSS, no scripts, no external resources. */
  public static String html(TckReport report) {
    CompatibilityMatrix matrix = CompatibilityMatrix.of(report);
    StringBuilder out = new StringBuilder();
    String title = "TCK compatibility report: " + report.connector();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.append("<title>").append(escape(title)).append("</title>\n");
    out.append(
        """
        <style>
        body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { border: 1px solid #ccc; padding: 0.3em 0.7em; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .supported, .passed { color: #176117; }
        .unsupported { color: #555; }
        .FAILED, .failed { color: #b00020; font-weight: bold; }
        .untested { color: #8a6d00; }
        pre { background: #f6f6f6; padding: 0.6em; white-space: pre-wrap; }
        </style>
        """);
    out.append("</head>\n<body>\n");
    out.append("<h1>").append(escape(title)).append("</h1>\n");
    out.append("<p class=\"")
        .append(report.passed() ? "passed" : "failed")
        .append("\"><strong>")
        .append(escape(summary(report)))
        .append("</strong></p>\n");
    out.append("<p>Declared features: ").append(escape(declared(report))).append("</p>\n");

    out.append("<h2>Optional features (docs/contract.md C7)</h2>\n<table>\n");
    out.append(
        "<tr><th>feature</th><th>declared</th><th>status</th><th>passed</th><th>failed</th>"
            + "<th>skipped</th></tr>\n");
    for (FeatureRow row : matrix.features()) {
      out.append("<tr><td><code>")
          .append(escape(row.feature().name()))
          .append("</code></td><td>")
          .append(row.declared() ? "yes" : "no")
          .append("</td><td class=\"")
          .append(escape(row.status().label().split(" ", -1)[0]))
          .append("\">")
          .append(escape(row.status().label()))
          .append("</td>");
      numbers(out, row);
      out.append("</tr>\n");
    }
    out.append("</table>\n");

    out.append("<h2>Contract sections</h2>\n<table>\n");
    out.append(
        "<tr><th>section</th><th>title</th><th>status</th><th>passed</th><th>failed</th>"
            + "<th>skipped</th></tr>\n");
    for (SectionRow row : matrix.sections()) {
      out.append("<tr><td>")
          .append(escape(row.section()))
          .append("</td><td>")
          .append(escape(row.title()))
          .append("</td><td class=\"")
          .append(escape(row.status().label()))
          .append("\">")
          .append(escape(row.status().label()))
          .append("</td>");
      numbers(out, row);
      out.append("</tr>\n");
    }
    out.append("</table>\n");

    List<TckResult> failures = sorted(report, TckResult.Status.FAILED);
    out.append("<h2>Failed tests (").append(failures.size()).append(")</h2>\n");
    for (TckResult failure : failures) {
      out.append("<h3 class=\"failed\">")
          .append(escape(failure.section()))
          .append(" ")
          .append(escape(failure.name()))
          .append("</h3>\n<pre>")
          .append(escape(failure.message().strip()))
          .append("</pre>\n");
    }
    List<TckResult> skipped = sorted(report, TckResult.Status.SKIPPED);
    out.append("<h2>Skipped tests (").append(skipped.size()).append(")</h2>\n");
    if (!skipped.isEmpty()) {
      out.append("<ul>\n");
      appendSkips(
          out,
          skipped,
          (count, bySection, reason) ->
              "<li><strong>"
                  + count
                  + " tests</strong> ("
                  + escape(bySection)
                  + "): "
                  + escape(reason)
                  + "</li>\n",
          (section, name, reason) ->
              "<li>"
                  + escape(section)
                  + " <code>"
                  + escape(name)
                  + "</code>: "
                  + escape(reason)
                  + "</li>\n");
      out.append("</ul>\n");
    }
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  private static void numbers(StringBuilder out, Tally row) {
    for (long value : counts(row)) {
      out.append("<td class=\"n\">").append(value).append("</td>");
    }
  }

  private static long[] counts(Tally row) {
    return new long[] {row.passed(), row.failed(), row.skipped()};
  }

  /** A text-table row: the leading cells, then the counts. */
  private static List<String> cells(Tally row, String... leading) {
    List<String> cells = new ArrayList<>(List.of(leading));
    for (long count : counts(row)) {
      cells.add(Long.toString(count));
    }
    return cells;
  }

  private static String markdownCounts(Tally row) {
    return " | " + row.passed() + " | " + row.failed() + " | " + row.skipped() + " |\n";
  }

  private static void putCounts(Map<String, Object> item, Tally row) {
    item.put("passed", row.passed());
    item.put("failed", row.failed());
    item.put("skipped", row.skipped());
  }

  /** Escapes text for HTML element content and attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  // ---------------------------------------------------------------- shared

  private static String declared(TckReport report) {
    if (report.declared().isEmpty()) {
      return "(none)";
    }
    return report.declared().stream().sorted().map(Feature::name).collect(Collectors.joining(", "));
  }

  /** A format's line for a group of skips counted per section. */
  @FunctionalInterface
  private interface SummaryLine {
    String of(int count, String bySection, String reason);
  }

  /** A format's line for one listed skipped test. */
  @FunctionalInterface
  private interface TestLine {
    String of(String section, String name, String reason);
  }

  /** The skipped tests, grouped by reason ({@link SkipGroup}), in a format's two line shapes. */
  private static void appendSkips(
      StringBuilder out, List<TckResult> skipped, SummaryLine summary, TestLine test) {
    for (SkipGroup group : SkipGroup.of(skipped)) {
      if (group.summarized()) {
        out.append(summary.of(group.tests().size(), group.bySection(), group.reason()));
      } else {
        group
            .tests()
            .forEach(skip -> out.append(test.of(skip.section(), skip.name(), group.reason())));
      }
    }
  }

  /**
   * Skipped tests that share a reason. A large group (a connector without CRUD skips hundreds of
   * tests for one prerequisite) is shown as its count per section; a small one lists its tests.
   */
  private record SkipGroup(String reason, List<TckResult> tests) {
    private static final int LISTED = 10;

    /** The groups in order of their first test. */
    static List<SkipGroup> of(List<TckResult> skipped) {
      Map<String, List<TckResult>> byReason = new LinkedHashMap<>();
      for (TckResult skip : skipped) {
        byReason.computeIfAbsent(oneLine(skip.message()), r -> new ArrayList<>()).add(skip);
      }
      List<SkipGroup> groups = new ArrayList<>();
      byReason.forEach((reason, tests) -> groups.add(new SkipGroup(reason, tests)));
      return groups;
    }

    boolean summarized() {
      return tests.size() > LISTED;
    }

    /** {@code C1.2: 88, C2: 134, …} in section order. */
    String bySection() {
      Map<String, Integer> counts = new LinkedHashMap<>();
      tests.forEach(test -> counts.merge(test.section(), 1, Integer::sum));
      List<String> parts = new ArrayList<>();
      counts.forEach((section, count) -> parts.add(section + ": " + count));
      return String.join(", ", parts);
    }
  }

  private static List<TckResult> sorted(TckReport report, TckResult.Status status) {
    return report.results().stream()
        .filter(result -> result.status() == status)
        .sorted(
            Comparator.comparing(TckResult::section, CompatibilityMatrix::compareSections)
                .thenComparing(TckResult::name))
        .toList();
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
