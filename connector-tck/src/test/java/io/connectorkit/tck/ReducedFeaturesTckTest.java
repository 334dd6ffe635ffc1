package io.connectorkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.DataSources;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The CRUD, upsert, error and lifecycle areas against a connector without the optional write
 * features: the DAO's shims must give the same results, and the two-sided checks must pass.
 */
class ReducedFeaturesTckTest {
  @Test
  void crudUpsertErrorsAndLifecyclePassWithoutOptionalFeatures() {
    TckReport report =
        TckRunner.run(
            () ->
                DataSources.create(
                    "tck", Map.of("connector", ReducedFeaturesConnectorFactory.class.getName())),
            List.of("crud", "upsert", "errors", "lifecycle"),
            new TckRunner.Progress() {});

    assertThat(report.connector()).isEqualTo("reduced");
    assertThat(report.results()).hasSizeGreaterThan(100);
    assertThat(report.failures())
        .as(
            "failures:%n%s",
            report.failures().stream()
                .map(f -> f.name() + ": " + f.message())
                .collect(Collectors.joining("\n")))
        .isEmpty();
  }
}
