package io.connectorkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurationMetadataTest {
  @Test
  void theMetadataDescribesEveryPropertyTheStarterReads() throws IOException {
    List<String> described = new ArrayList<>();
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      for (JsonNode property : new ObjectMapper().readTree(in).get("properties")) {
        assertThat(property.get("description").asText()).isNotBlank();
        described.add(property.get("name").asText());
      }
    }

    assertThat(described)
        .containsExactlyInAnyOrder(
            DataSourceSettings.DATASOURCES,
            DataSourceSettings.FILE,
            DataSourceRegistrar.REPOSITORIES,
            DataSourceRegistrar.SCAN,
            DataSourceRegistrar.SCAN_PACKAGES,
            DataSourceRegistrar.PRIMARY,
            DataSourceRegistrar.AUTOUPDATE,
            "management.health.connectorkit.enabled");
  }
}
