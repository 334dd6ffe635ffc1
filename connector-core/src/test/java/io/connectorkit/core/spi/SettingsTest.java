package io.connectorkit.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void toStringMasksSecretKeysAndUrlPasswords() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("password", "hunter2");
    values.put("apiToken", "tok-123");
    values.put("clientSecret", "s3");
    values.put("accessKey", "k1");
    values.put("url", "mysql://root:pa55@127.0.0.1:3306/test");
    values.put("nested", Map.of("password", "inner"));
    values.put("host", "127.0.0.1");
    Settings settings = Settings.of(values);

    String shown = settings.toString();

    assertThat(shown)
        .doesNotContain("hunter2", "tok-123", "s3", "k1", "pa55", "inner")
        .contains("127.0.0.1", "mysql://root:***@127.0.0.1:3306/test");
  }

  @Test
  void factorySecretKeysAreMaskedToo() {
    Settings settings =
        Settings.of(Map.of("credentials", "abc")).withSecretKeys(Set.of("credentials"));

    assertThat(settings.toString()).doesNotContain("abc");
  }

  @Test
  void integerSettingOfWrongTypeNamesTheKey() {
    Settings settings = Settings.of(Map.of("port", "abc"));

    assertThatThrownBy(() -> settings.integer("port", 3306))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessage("setting \"port\" must be an integer, got \"abc\"");
  }

  @Test
  void wrongTypeOfSecretSettingDoesNotShowTheValue() {
    Settings settings = Settings.of(Map.of("password", Map.of("x", "hunter2")));

    assertThatThrownBy(() -> settings.string("password"))
        .hasMessage("setting \"password\" must be a string, got \"***\"");
  }

  @Test
  void typedAccessorsConvertExactValues() {
    Settings settings =
        Settings.of(Map.of("port", "3306", "lazyConnect", "true", "timeout", 250, "name", "db"));

    assertThat(settings.integer("port", 0)).isEqualTo(3306);
    assertThat(settings.bool("lazyConnect", false)).isTrue();
    assertThat(settings.millis("timeout", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.string("name", "x")).isEqualTo("db");
    assertThat(settings.integer("missing", 7)).isEqualTo(7);
  }

  @Test
  void booleanSettingRejectsOtherValues() {
    assertThatThrownBy(() -> Settings.of(Map.of("lazyConnect", "yes")).bool("lazyConnect", false))
        .hasMessage("setting \"lazyConnect\" must be a boolean, got \"yes\"");
  }

  @Test
  void requiredStringNamesTheMissingKey() {
    assertThatThrownBy(() -> Settings.of(Map.of()).requiredString("host"))
        .hasMessage("setting \"host\" is required");
  }
}
