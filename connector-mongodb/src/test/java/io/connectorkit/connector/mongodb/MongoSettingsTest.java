package io.connectorkit.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MongoSettingsTest {
  @Test
  void hostPortDatabaseAndCredentialsBuildAConnectionString() {
    MongoSettings settings =
        MongoSettings.from(
            Settings.of(
                Map.of(
                    "host", "db.example",
                    "port", 27018,
                    "database", "shop",
                    "username", "ann",
                    "password", "p@ss word",
                    "authSource", "admin",
                    "w", "majority",
                    "wtimeout", 500,
                    "j", true,
                    "replicaSet", "rs0")));
    assertThat(settings.database()).isEqualTo("shop");
    assertThat(settings.connectionString())
        .startsWith("mongodb://ann:p%40ss%20word@db.example:27018/shop?")
        .contains("authSource=admin", "w=majority", "wtimeoutMS=500", "journal=true")
        .contains("replicaSet=rs0", "serverSelectionTimeoutMS=10000");
    assertThat(settings.maskedConnectionString()).doesNotContain("p%40ss").contains("***");
  }

  @Test
  void urlKeepsItsOwnOptionsAndNamesTheDatabase() {
    MongoSettings settings =
        MongoSettings.from(
            Settings.of(
                Map.of(
                    "url",
                    "mongodb://u:secret@h:1/app?serverSelectionTimeoutMS=100",
                    "connectTimeout",
                    2000)));
    assertThat(settings.database()).isEqualTo("app");
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.connectionString())
        .contains("serverSelectionTimeoutMS=100")
        .doesNotContain("serverSelectionTimeoutMS=2000")
        .contains("connectTimeoutMS=2000");
  }

  @Test
  void defaultsToLocalhostAndTheTestDatabase() {
    MongoSettings settings = MongoSettings.from(Settings.of(Map.of()));
    assertThat(settings.connectionString()).startsWith("mongodb://127.0.0.1:27017/?");
    assertThat(settings.database()).isEqualTo("test");
  }

  @Test
  void badUrlIsAConfigurationErrorWithoutThePassword() {
    assertThatThrownBy(
            () -> MongoSettings.from(Settings.of(Map.of("url", "http://u:topsecret@h/db"))))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .message()
        .doesNotContain("topsecret");
  }

  @Test
  void badPortIsAConfigurationError() {
    assertThatThrownBy(() -> MongoSettings.from(Settings.of(Map.of("port", "abc"))))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("port");
  }

  @Test
  void outOfRangeOrMistypedValuesNameTheKeyAndWhatItAllows() {
    Map<Map<String, Object>, List<String>> cases =
        Map.of(
            Map.of("idBlockSize", 0), List.of("\"idBlockSize\"", "from 1 to"),
            Map.of("connectTimeout", -1), List.of("\"connectTimeout\"", "from 0 to"),
            Map.of("discoverySampleSize", "many"), List.of("\"discoverySampleSize\"", "integer"),
            Map.of("codePointStringOrder", "maybe"), List.of("\"codePointStringOrder\"", "boolean"),
            Map.of("allowExtendedOperators", 2), List.of("\"allowExtendedOperators\"", "boolean"),
            Map.of("port", 70000), List.of("\"port\"", "from 1 to 65535"),
            Map.of("readPreference", "closest"), List.of("\"readPreference\"", "nearest"));
    cases.forEach(
        (settings, named) ->
            assertThatThrownBy(() -> MongoSettings.from(Settings.of(settings)))
                .as(settings.toString())
                .isInstanceOfSatisfying(
                    ConnectorException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
                .message()
                .contains(named));
  }

  @Test
  void everySettingIsReadOnceIntoTheRecord() {
    MongoSettings settings =
        MongoSettings.from(
            Settings.of(
                Map.of(
                    "idBlockSize", 50,
                    "codePointStringOrder", true,
                    "readConcern", "majority",
                    "password", "hidden-pw",
                    "user", "u")));
    assertThat(settings.idBlockSize()).isEqualTo(50);
    assertThat(settings.codePointStringOrder()).isTrue();
    assertThat(settings.concerns().readConcern()).isEqualTo(com.mongodb.ReadConcern.MAJORITY);
    assertThat(MongoSettings.from(Settings.of(Map.of())).codePointStringOrder()).isNull();
    assertThat(settings.toString()).doesNotContain("hidden-pw").contains("idBlockSize=50");
  }
}
