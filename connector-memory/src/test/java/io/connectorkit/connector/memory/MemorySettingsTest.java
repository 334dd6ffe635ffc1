package io.connectorkit.connector.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemorySettingsTest {
  @Test
  void fileIsAPathAndBlankMeansNone() {
    assertThat(MemorySettings.from(Settings.of(Map.of("file", "data/db.json"))).file())
        .contains(Path.of("data/db.json"));
    assertThat(MemorySettings.from(Settings.of(Map.of("file", "  "))).file()).isEmpty();
    assertThat(MemorySettings.from(Settings.of(Map.of())).file()).isEmpty();
  }

  @Test
  void aFileThatIsNotAStringOrNotAPathFailsNamingTheKey() {
    assertThatThrownBy(() -> MemorySettings.from(Settings.of(Map.of("file", Map.of("a", 1)))))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("\"file\"")
        .hasMessageContaining("a string");
    assertThatThrownBy(() -> MemorySettings.from(Settings.of(Map.of("file", "a\0b"))))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("\"file\"")
        .hasMessageContaining("a file path");
  }
}
