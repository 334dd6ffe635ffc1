package io.connectorkit.tck;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.Feature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The compatibility matrix of a {@link TckReport}: one row per optional {@link Feature} (C7) and
 * one per CONTRACT section, each with its passed / failed / skipped counts and a verdict.
 *
 * @param features one row per {@link Feature}, in declaration order
 * @param sections one row per CONTRACT section, in section order (C1.2, C2, C3, C4.1, …)
 */
public record CompatibilityMatrix(List<FeatureRow> features, List<SectionRow> sections) {
  /**
   * The sections the matrix always lists, with their titles; a section without tests shows as
   * untested. Tests naming other sections add rows.
   */
  static final Map<String, String> SECTIONS = sectionTitles();

  public CompatibilityMatrix {
    features = List.copyOf(features);
    sections = List.copyOf(sections);
  }

  /** The verdict on one optional feature. */
  public enum FeatureStatus {
    /** Declared, and every test of it that ran passed. */
    SUPPORTED("supported"),
    /**
     * Not declared, and its two-sided tests passed: the connector refuses it with {@code
     * UNSUPPORTED_OPERATION} and the standard message.
     */
    UNSUPPORTED_VERIFIED("unsupported (verified)"),
    /** At least one test of it failed. */
    FAILED("FAILED"),
    /** No test of it ran (none selected, or all skipped). */
    UNTESTED("untested");

    private final String label;

    FeatureStatus(String label) {
      this.label = label;
    }

    /** How reports show it. */
    public String label() {
      return label;
    }
  }

  /** The verdict on one CONTRACT section. */
  public enum SectionStatus {
    PASSED("passed"),
    FAILED("FAILED"),
    UNTESTED("untested");

    private final String label;

    SectionStatus(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** How many tests of a row passed, failed and were skipped. */
  public interface Tally {
    long passed();

    long failed();

    long skipped();
  }

  /** One optional feature: declared or not, the tests exercising it, and the verdict. */
  public record FeatureRow(
      Feature feature,
      boolean declared,
      FeatureStatus status,
      long passed,
      long failed,
      long skipped)
      implements Tally {
    public FeatureRow {
      requireNonNull(feature, "feature is null");
      requireNonNull(status, "status is null");
    }
  }

  /** One CONTRACT section and its tests. */
  public record SectionRow(
      String section, String title, SectionStatus status, long passed, long failed, long skipped)
      implements Tally {
    public SectionRow {
      requireNonNull(section, "section is null");
      requireNonNull(title, "title is null");
      requireNonNull(status, "status is null");
    }
  }

  /** Computes the matrix of a report. */
  public static CompatibilityMatrix of(TckReport report) {
    requireNonNull(report, "report is null");
    List<FeatureRow> features = new ArrayList<>();
    for (Feature feature : Feature.values()) {
      StatusTally counts = new StatusTally();
      for (TckResult result : report.results()) {
        if (result.features().contains(feature)) {
          counts.add(result.status());
        }
      }
      boolean declared = report.declared().contains(feature);
      FeatureStatus status;
      if (counts.failed > 0) {
        status = FeatureStatus.FAILED;
      } else if (counts.passed == 0) {
        status = FeatureStatus.UNTESTED;
      } else {
        status = declared ? FeatureStatus.SUPPORTED : FeatureStatus.UNSUPPORTED_VERIFIED;
      }
      features.add(
          new FeatureRow(feature, declared, status, counts.passed, counts.failed, counts.skipped));
    }

    Map<String, StatusTally> bySection = new TreeMap<>(CompatibilityMatrix::compareSections);
    SECTIONS.keySet().forEach(section -> bySection.put(section, new StatusTally()));
    for (TckResult result : report.results()) {
      bySection.computeIfAbsent(result.section(), s -> new StatusTally()).add(result.status());
    }
    List<SectionRow> sections = new ArrayList<>();
    bySection.forEach(
        (section, counts) -> {
          long passed = counts.passed;
          long failed = counts.failed;
          SectionStatus status =
              failed > 0
                  ? SectionStatus.FAILED
                  : passed > 0 ? SectionStatus.PASSED : SectionStatus.UNTESTED;
          sections.add(
              new SectionRow(
                  section,
                  section.equals("?") ? "(no @ContractSection)" : title(section),
                  status,
                  passed,
                  failed,
                  counts.skipped));
        });
    return new CompatibilityMatrix(features, sections);
  }

  /**
   * Orders section names numerically: C1.2 &lt; C2 &lt; C4.1 &lt; C4.10 &lt; C10; names that are
   * not of the form {@code C<n>(.<n>)*} come last, alphabetically.
   */
  static int compareSections(String a, String b) {
    List<Integer> left = numbers(a);
    List<Integer> right = numbers(b);
    if (left == null || right == null) {
      if (left != null) {
        return -1;
      }
      if (right != null) {
        return 1;
      }
      return a.compareTo(b);
    }
    for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
      int order = Integer.compare(left.get(i), right.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.size(), right.size());
  }

  private static @Nullable List<Integer> numbers(String section) {
    if (!section.matches("C\\d+(\\.\\d+)*")) {
      return null;
    }
    List<Integer> numbers = new ArrayList<>();
    for (String part : section.substring(1).split("\\.", -1)) {
      numbers.add(Integer.parseInt(part));
    }
    return numbers;
  }

  private static Map<String, String> sectionTitles() {
    Map<String, String> titles = new LinkedHashMap<>();
    titles.put("C1.2", "model JSON: ids, forceId, strict, required, defaults, hidden");
    titles.put("C2", "data values: round trips and coercion");
    titles.put("C3", "operations and result shapes");
    titles.put("C4.1", "where");
    titles.put("C4.2", "order");
    titles.put("C4.3", "limit, skip, offset");
    titles.put("C4.4", "fields");
    titles.put("C4.5", "include (relations)");
    titles.put("C4.6", "residual evaluation");
    titles.put("C5", "errors");
    titles.put("C6", "lifecycle");
    titles.put("C7", "optional features");
    titles.put("C8", "transactions");
    titles.put("C9", "hooks");
    return java.util.Collections.unmodifiableMap(titles);
  }

  /** The title of a section, including ones the matrix does not always list. */
  static String title(String section) {
    return switch (section) {
      case "C1.1" -> "datasource JSON";
      case "C10" -> "CLI exec protocol";
      default -> SECTIONS.getOrDefault(section, "");
    };
  }
}
