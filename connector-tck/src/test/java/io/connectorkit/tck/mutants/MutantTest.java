package io.connectorkit.tck.mutants;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.connector.memory.MemoryConnectorFactory;
import io.connectorkit.core.ConnectorRegistry;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Settings;
import io.connectorkit.tck.TckReport;
import io.connectorkit.tck.TckResult;
import io.connectorkit.tck.TckRunner;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The TCK's own test: it must catch every mutant (a deliberately broken memory connector), and it
 * must pass the unbroken one wrapped the same way (the control). A surviving mutant fails the
 * build.
 */
class MutantTest {
  /** Datasources of the memory connector wrapped by {@code wrap}. */
  static Supplier<DataSource> dataSources(Function<Connector, Connector> wrap) {
    ConnectorFactory factory =
        new ConnectorFactory() {
          @Override
          public String name() {
            return "forwarding";
          }

          @Override
          public Connector initialize(Settings settings) {
            return wrap.apply(new MemoryConnectorFactory().initialize(settings));
          }
        };
    ConnectorRegistry registry = ConnectorRegistry.empty().register(factory);
    return () -> DataSources.create("tck", Map.of("connector", "forwarding"), registry);
  }

  @Test
  void theControlPassesTheWholeTck() {
    long start = System.nanoTime();
    TckReport report =
        TckRunner.run(
            dataSources(ForwardingConnector::new), List.of(), new TckRunner.Progress() {});
    System.out.printf(
        "control: %d passed, %d skipped, %d failed in %d ms%n",
        report.count(TckResult.Status.PASSED),
        report.count(TckResult.Status.SKIPPED),
        report.count(TckResult.Status.FAILED),
        (System.nanoTime() - start) / 1_000_000);
    assertThat(report.failures())
        .as("the unmutated ForwardingConnector must pass every TCK test")
        .isEmpty();
    assertThat(report.count(TckResult.Status.PASSED)).isPositive();
  }

  @Test
  void aConnectorWithoutOptionalFeaturesPassesTheWholeTck() {
    TckReport report =
        TckRunner.run(dataSources(MinimalConnector::new), List.of(), new TckRunner.Progress() {});
    System.out.printf(
        "minimal control: %d passed, %d skipped, %d failed%n",
        report.count(TckResult.Status.PASSED),
        report.count(TckResult.Status.SKIPPED),
        report.count(TckResult.Status.FAILED));
    assertThat(report.failures())
        .as("a connector declaring no optional feature (two-sided checks, DAO shims)")
        .isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyMutantFailsAtLeastOneTckTest() {
    return Mutants.all().stream()
        .map(
            mutant ->
                DynamicTest.dynamicTest(
                    mutant.name(),
                    () -> {
                      long start = System.nanoTime();
                      TckReport report =
                          TckRunner.run(
                              dataSources(mutant.wrap()),
                              mutant.tags(),
                              new TckRunner.Progress() {});
                      long millis = (System.nanoTime() - start) / 1_000_000;
                      List<TckResult> caught = report.failures();
                      System.out.printf(
                          "mutant [%s] (%s, %d tests, %d ms): caught by %d: %s%n",
                          mutant.name(),
                          mutant.tags(),
                          report.results().size(),
                          millis,
                          caught.size(),
                          caught.stream().map(TckResult::name).limit(4).toList());
                      assertThat(report.results())
                          .as("the TCK ran tests against mutant [%s]", mutant.name())
                          .isNotEmpty();
                      assertThat(caught)
                          .as(
                              "mutant [%s] survived the TCK (areas %s): no test failed",
                              mutant.name(), mutant.tags())
                          .isNotEmpty();
                      assertThat(caught)
                          .as("every failure names the document and section it breaks")
                          .allSatisfy(
                              failure ->
                                  assertThat(failure.message())
                                      .startsWith("docs/contract.md " + failure.section() + ":"));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyContractMutantFailsATestOfItsOwnSection() {
    return ContractMutants.all().stream()
        .map(
            mutant ->
                DynamicTest.dynamicTest(
                    mutant.toString(),
                    () -> {
                      TckReport report =
                          TckRunner.run(
                              dataSources(mutant.mutant().wrap()),
                              mutant.mutant().tags(),
                              new TckRunner.Progress() {});
                      List<TckResult> caught = report.failures();
                      System.out.printf(
                          "contract mutant [%s] caught by %d: %s%n",
                          mutant,
                          caught.size(),
                          caught.stream().map(r -> r.section() + " " + r.name()).limit(3).toList());
                      assertThat(caught)
                          .as(
                              "contract mutant [%s] must fail a TCK test of section %s",
                              mutant, mutant.section())
                          .anySatisfy(
                              failure -> assertThat(failure.section()).isEqualTo(mutant.section()));
                    }));
  }

  @Test
  void theContractFamilyCoversEverySectionFromC12ToC9() {
    Map<String, Long> perSection = new java.util.TreeMap<>();
    ContractMutants.all().forEach(m -> perSection.merge(m.section(), 1L, Long::sum));
    System.out.println("contract mutants per section: " + perSection);
    assertThat(perSection.keySet())
        .as("every section from C1.2 to C9 has a mutant of its own")
        .containsExactlyInAnyOrderElementsOf(ContractMutants.SECTIONS);
    assertThat(ContractMutants.all())
        .extracting(m -> m.mutant().name())
        .as("the contract family is independent of the first: no shared mutant")
        .doesNotContainAnyElementsOf(Mutants.all().stream().map(Mutants.Mutant::name).toList());
  }

  @Test
  void thereAreAtLeastFifteenMutants() {
    assertThat(Mutants.all()).hasSizeGreaterThanOrEqualTo(15);
  }
}
