package io.connectorkit.connector.helloworld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelloWorldSettingsTest {
  @Test
  void readsTheCredentialsAndNeverPrintsThePassword() {
    HelloWorldSettings settings =
        HelloWorldSettings.from(Settings.of(Map.of("username", "demo", "password", "s3cret")));
    assertThat(settings.username()).isEqualTo("demo");
    assertThat(settings.password()).isEqualTo("s3cret");
    assertThat(settings.toString()).contains("demo").doesNotContain("s3cret");
  }

  @Test
  void aMissingOrNonStringCredentialFailsNamingTheKey() {
    assertThatThrownBy(() -> HelloWorldSettings.from(Settings.of(Map.of("username", "demo"))))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("\"password\"");
    assertThatThrownBy(
            () ->
                HelloWorldSettings.from(
                    Settings.of(Map.of("username", Map.of("x", 1), "password", "p"))))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("\"username\"")
        .hasMessageContaining("a string");
  }
}
