package io.connectorkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.DataSources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TckRunnerTest {
  @Test
  void runnerReportsEveryTestWithItsSectionAndArea() {
    TckReport report =
        TckRunner.run(
            () -> DataSources.create("tck", Map.of("connector", "memory")),
            List.of("filter"),
            new TckRunner.Progress() {});

    assertThat(report.connector()).isEqualTo("memory");
    assertThat(report.results()).isNotEmpty();
    assertThat(report.results())
        .allSatisfy(
            result -> {
              assertThat(result.areas()).contains("filter");
              assertThat(result.section()).matches("C4\\.[1-6]|C7");
              assertThat(result.status()).isEqualTo(TckResult.Status.PASSED);
            });
  }
}
