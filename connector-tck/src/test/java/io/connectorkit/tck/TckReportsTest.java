package io.connectorkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.core.common.Feature;
import io.connectorkit.tck.CompatibilityMatrix.FeatureStatus;
import io.connectorkit.tck.CompatibilityMatrix.SectionStatus;
import io.connectorkit.tck.TckResult.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TckReportsTest {
  private static TckResult result(
      String section, Set<Feature> features, String name, Status status, String message) {
    return new TckResult(section, Set.of("area"), features, name, status, message);
  }

  /**
   * A connector "handmade" declaring BATCH_CREATE and TRANSACTIONS: BATCH_CREATE passes,
   * TRANSACTIONS fails once, MIGRATION is undeclared and its two-sided test passes, DISCOVERY is
   * undeclared and its test fails, EXECUTE's only test is skipped.
   */
  static TckReport handBuilt() {
    return new TckReport(
        "handmade",
        Set.of(Feature.TRANSACTIONS, Feature.BATCH_CREATE),
        List.of(
            result(
                "C3",
                Set.of(Feature.BATCH_CREATE),
                "C3 › createAllKeepsOrder()",
                Status.PASSED,
                ""),
            result("C3", Set.of(), "C3 › createReturnsId()", Status.PASSED, ""),
            result(
                "C8",
                Set.of(Feature.TRANSACTIONS),
                "C8 › rollbackDiscards()",
                Status.FAILED,
                "C8: rollback discards the work\nexpected: 0\n but was: 1"),
            result("C8", Set.of(Feature.TRANSACTIONS), "C8 › commitShows()", Status.PASSED, ""),
            result("C7", Set.of(Feature.MIGRATION), "C7 › automigrateRefused()", Status.PASSED, ""),
            result(
                "C7",
                Set.of(Feature.DISCOVERY),
                "C7 › discoverRefused()",
                Status.FAILED,
                "C7: expected UNSUPPORTED_OPERATION <but> got | \"ok\" & `done`"),
            result(
                "C4.10",
                Set.of(Feature.EXECUTE),
                "C4.10 › runs()",
                Status.SKIPPED,
                "prerequisite TRANSACTIONS not declared by handmade: needs a tx"),
            result("C4.2", Set.of(), "C4.2 › <script>alert(1)</script>", Status.PASSED, "")));
  }

  @Test
  void featureMatrixGivesOneVerdictPerFeature() {
    Map<Feature, CompatibilityMatrix.FeatureRow> rows =
        CompatibilityMatrix.of(handBuilt()).features().stream()
            .collect(
                Collectors.toMap(CompatibilityMatrix.FeatureRow::feature, Function.identity()));

    assertThat(rows).hasSize(Feature.values().length);
    assertThat(rows.get(Feature.BATCH_CREATE).status()).isEqualTo(FeatureStatus.SUPPORTED);
    assertThat(rows.get(Feature.BATCH_CREATE).declared()).isTrue();
    assertThat(rows.get(Feature.TRANSACTIONS).status()).isEqualTo(FeatureStatus.FAILED);
    assertThat(rows.get(Feature.TRANSACTIONS).passed()).isEqualTo(1);
    assertThat(rows.get(Feature.TRANSACTIONS).failed()).isEqualTo(1);
    assertThat(rows.get(Feature.MIGRATION).status()).isEqualTo(FeatureStatus.UNSUPPORTED_VERIFIED);
    assertThat(rows.get(Feature.MIGRATION).declared()).isFalse();
    assertThat(rows.get(Feature.DISCOVERY).status()).isEqualTo(FeatureStatus.FAILED);
    assertThat(rows.get(Feature.EXECUTE).status()).isEqualTo(FeatureStatus.UNTESTED);
    assertThat(rows.get(Feature.EXECUTE).skipped()).isEqualTo(1);
    assertThat(rows.get(Feature.OPERATIONS).status()).isEqualTo(FeatureStatus.UNTESTED);
  }

  @Test
  void sectionMatrixListsContractSectionsInNumericOrder() {
    List<CompatibilityMatrix.SectionRow> sections = CompatibilityMatrix.of(handBuilt()).sections();

    assertThat(sections)
        .extracting(CompatibilityMatrix.SectionRow::section)
        .containsExactly(
            "C1.2", "C2", "C3", "C4.1", "C4.2", "C4.3", "C4.4", "C4.5", "C4.6", "C4.10", "C5", "C6",
            "C7", "C8", "C9");
    Map<String, CompatibilityMatrix.SectionRow> bySection =
        sections.stream()
            .collect(
                Collectors.toMap(CompatibilityMatrix.SectionRow::section, Function.identity()));
    assertThat(bySection.get("C3").status()).isEqualTo(SectionStatus.PASSED);
    assertThat(bySection.get("C3").passed()).isEqualTo(2);
    assertThat(bySection.get("C8").status()).isEqualTo(SectionStatus.FAILED);
    assertThat(bySection.get("C8").failed()).isEqualTo(1);
    assertThat(bySection.get("C4.10").status()).isEqualTo(SectionStatus.UNTESTED);
    assertThat(bySection.get("C4.10").skipped()).isEqualTo(1);
    assertThat(bySection.get("C2").status()).isEqualTo(SectionStatus.UNTESTED);
    assertThat(bySection.get("C4.1").title()).isEqualTo("where");
  }

  @Test
  void textShowsTotalsMatrixFailuresAndSkips() {
    String text = TckReports.text(handBuilt());

    assertThat(text)
        .contains("connector handmade")
        .contains("Declared features: BATCH_CREATE, TRANSACTIONS")
        .contains("FAILED: 8 tests, 5 passed, 2 failed, 1 skipped")
        .containsPattern("MIGRATION +no +unsupported \\(verified\\) +1 +0 +0")
        .containsPattern("BATCH_CREATE +yes +supported +1 +0 +0")
        .containsPattern("TRANSACTIONS +yes +FAILED +1 +1 +0")
        .containsPattern("C8 +transactions +FAILED +1 +1 +0")
        .contains("FAIL [C8] C8 › rollbackDiscards()")
        .contains("       expected: 0")
        .contains("SKIP [C4.10] C4.10 › runs(): prerequisite TRANSACTIONS not declared");
    assertThat(text.indexOf("C4.10 › runs")).isGreaterThan(text.indexOf("Skipped tests (1)"));
  }

  @Test
  void markdownIsATableWithEscapedCellsAndFencedMessages() {
    String md = TckReports.markdown(handBuilt());

    assertThat(md)
        .startsWith("# TCK compatibility report: `handmade`\n")
        .contains("| `MIGRATION` | no | unsupported (verified) | 1 | 0 | 0 |")
        .contains("| `TRANSACTIONS` | yes | **FAILED** | 1 | 1 | 0 |")
        .contains("| `OPERATIONS` | no | untested | 0 | 0 | 0 |")
        .contains("| C4.1 | where | untested | 0 | 0 | 0 |")
        .contains("| C8 | transactions | **FAILED** | 1 | 1 | 0 |")
        .contains("## Failed tests (2)")
        .contains("- **C7** `C7 › discoverRefused()`")
        .contains("  ```\n  C8: rollback discards the work\n  expected: 0\n   but was: 1\n  ```")
        .contains("## Skipped tests (1)")
        .contains("- **C4.10** `C4.10 › runs()`: prerequisite TRANSACTIONS not declared");
    // failures sorted by section: C7 before C8
    assertThat(md.indexOf("discoverRefused")).isLessThan(md.indexOf("rollbackDiscards"));
    assertThat(md).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
    assertThat(TckReports.markdown(handBuilt())).isEqualTo(md);
  }

  @Test
  void jsonCarriesTotalsMatrixAndEveryResult() throws Exception {
    JsonNode json = new ObjectMapper().readTree(TckReports.json(handBuilt()));

    assertThat(json.get("connector").asText()).isEqualTo("handmade");
    assertThat(json.get("passed").asBoolean()).isFalse();
    assertThat(json.get("declared").toString()).isEqualTo("[\"BATCH_CREATE\",\"TRANSACTIONS\"]");
    assertThat(json.get("totals").toString())
        .isEqualTo("{\"tests\":8,\"passed\":5,\"failed\":2,\"skipped\":1}");
    assertThat(json.get("features")).hasSize(Feature.values().length);
    assertThat(json.get("features").get(Feature.MIGRATION.ordinal()).get("status").asText())
        .isEqualTo("unsupported (verified)");
    assertThat(json.get("sections").get(0).get("section").asText()).isEqualTo("C1.2");
    assertThat(json.get("results")).hasSize(8);
    assertThat(json.get("results").get(5).get("message").asText())
        .isEqualTo("C7: expected UNSUPPORTED_OPERATION <but> got | \"ok\" & `done`");
    assertThat(json.get("results").get(2).get("features").toString())
        .isEqualTo("[\"TRANSACTIONS\"]");
  }

  @Test
  void htmlIsSelfContainedAndEscapesEveryValue() {
    String html = TckReports.html(handBuilt());

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<title>TCK compatibility report: handmade</title>")
        .contains("&lt;but&gt; got | &quot;ok&quot; &amp; `done`")
        .contains("<td class=\"unsupported\">unsupported (verified)</td>")
        .doesNotContain("<script>")
        .doesNotContain("src=")
        .doesNotContain("href=")
        .endsWith("</html>\n");
  }

  @Test
  void emptyRunIsNotAPass() {
    TckReport empty = new TckReport("none", Set.of(), List.of());

    assertThat(TckReports.summary(empty))
        .isEqualTo("NO TESTS RUN: 0 tests, 0 passed, 0 failed, 0 skipped");
    assertThat(TckReports.markdown(empty)).contains("Declared features: (none)");
  }

  @Test
  void formatsParseByCommandLineName() {
    assertThat(ReportFormat.parse("md")).isEqualTo(ReportFormat.MARKDOWN);
    assertThat(ReportFormat.parse("Markdown")).isEqualTo(ReportFormat.MARKDOWN);
    assertThat(ReportFormat.parse("json")).isEqualTo(ReportFormat.JSON);
    assertThat(ReportFormat.parse("html")).isEqualTo(ReportFormat.HTML);
    assertThat(ReportFormat.parse("text")).isEqualTo(ReportFormat.TEXT);
    assertThatThrownBy(() -> ReportFormat.parse("pdf"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown report format \"pdf\"; known: text, md, json, html");
    for (ReportFormat format : ReportFormat.values()) {
      assertThat(TckReports.render(handBuilt(), format)).contains("handmade");
    }
  }

  @Test
  void manySkipsForOneReasonAreCountedPerSectionInEveryFormat() {
    List<TckResult> results = new java.util.ArrayList<>();
    String reason = "prerequisite CRUD not declared by soap: the test stores and reads records";
    for (int i = 0; i < 12; i++) {
      results.add(result("C2", Set.of(), "C2 › value" + i + "()", Status.SKIPPED, reason));
    }
    results.add(result("C4.1", Set.of(), "C4.1 › eq()", Status.SKIPPED, reason));
    results.add(result("C6", Set.of(), "C6 › ping()", Status.SKIPPED, "no ping here"));
    TckReport report = new TckReport("soap", Set.of(), results);

    String text = TckReports.text(report);
    String markdown = TckReports.render(report, ReportFormat.MARKDOWN);
    String html = TckReports.render(report, ReportFormat.HTML);

    assertThat(text)
        .contains("Skipped tests (14):")
        .contains("SKIP 13 tests (C2: 12, C4.1: 1): " + reason)
        .contains("SKIP [C6] C6 › ping(): no ping here")
        .doesNotContain("value3");
    assertThat(markdown)
        .contains("## Skipped tests (14)")
        .contains("- **13 tests** (C2: 12, C4.1: 1): " + reason)
        .contains("`C6 › ping()`: no ping here");
    assertThat(html).contains("<strong>13 tests</strong> (C2: 12, C4.1: 1)");
  }
}
