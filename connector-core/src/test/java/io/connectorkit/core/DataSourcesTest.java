package io.connectorkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {
  private static final Function<String, String> ENV =
      Map.of("DB_USER", "ada", "DB_PASSWORD", "s3cret")::get;

  @Test
  void variablesAreSubstitutedWithDefaults() {
    Map<String, Map<String, Object>> parsed =
        DataSources.parse(
            """
            {"db": {"connector": "list", "user": "${DB_USER}", "password": "${DB_PASSWORD}",
                    "host": "${DB_HOST:-127.0.0.1}", "empty": "${NOPE:-}",
                    "url": "x://${DB_USER}@h/${DB_NAME:-test}"}}
            """,
            ENV);

    assertThat(parsed.get("db"))
        .containsEntry("user", "ada")
        .containsEntry("password", "s3cret")
        .containsEntry("host", "127.0.0.1")
        .containsEntry("empty", "")
        .containsEntry("url", "x://ada@h/test");
  }

  @Test
  void missingVariableWithoutDefaultNamesTheVariable() {
    assertThatThrownBy(
            () ->
                DataSources.parse(
                    "{\"db\": {\"connector\": \"list\", \"user\": \"${MISSING}\"}}", ENV))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessage(
            "datasource \"db\": environment variable MISSING is not set and ${MISSING} has no default");
  }

  @Test
  void singleDatasourceObjectIsAccepted() {
    Map<String, Map<String, Object>> parsed =
        DataSources.parse("{\"name\": \"mem\", \"connector\": \"list\"}", ENV);

    assertThat(parsed).containsOnlyKeys("mem");
  }

  @Test
  void malformedJsonIsAConfigurationError() {
    assertThatThrownBy(() -> DataSources.parse("{\"db\": ", ENV))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageStartingWith("datasource JSON is malformed");
  }

  @Test
  void unknownConnectorListsTheAvailableNames() {
    assertThatThrownBy(() -> DataSources.create("db", Map.of("connector", "nosuch")))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("unknown connector \"nosuch\"; available: ")
        .hasMessageContaining("list");
  }

  @Test
  void missingConnectorSettingIsRejected() {
    assertThatThrownBy(() -> DataSources.create("db", Map.of("host", "x")))
        .hasMessageStartingWith("datasource \"db\": setting \"connector\" is required");
  }

  @Test
  void wrongTypedPortIsRejectedNamingTheKey() {
    assertThatThrownBy(() -> DataSources.create("db", Map.of("connector", "list", "port", "abc")))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessage("datasource \"db\": setting \"port\" must be an integer, got \"abc\"");
  }

  @Test
  void portOutOfRangeIsRejectedNamingTheKey() {
    assertThatThrownBy(() -> DataSources.create("db", Map.of("connector", "list", "port", 70000)))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessage("datasource \"db\": setting \"port\" must be between 0 and 65535, got 70000");
  }

  @Test
  void loadWithoutNameNeedsExactlyOneDatasource(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("datasources.json");
    Files.writeString(file, "{\"a\": {\"connector\": \"list\"}, \"b\": {\"connector\": \"list\"}}");

    assertThatThrownBy(() -> DataSources.load(file, null, ConnectorRegistry.load(), ENV))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("defines 2 datasources [a, b]; choose one by name");
  }

  @Test
  void connectorSpecificSettingErrorsNameTheDatasource() {
    assertThatThrownBy(() -> DataSources.create("db", Map.of("connector", "list", "size", "big")))
        .hasMessage("datasource \"db\": setting \"size\" must be an integer, got \"big\"");
  }

  @Test
  void unknownKeysArePassedOnToTheConnector() {
    DataSource db = DataSources.create("db", Map.of("connector", "list", "driverFlag", 1));

    assertThat(db.settings().get("driverFlag")).isEqualTo(1);
  }

  @Test
  void datasourceToStringNeverShowsSecrets() {
    DataSource db =
        DataSources.create(
            "db", Map.of("connector", "list", "password", "hunter2", "url", "list://u:pw9@h/db"));

    assertThat(db.toString()).doesNotContain("hunter2", "pw9");
  }

  @Test
  void loadReadsEveryDatasourceOfAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("datasources.json");
    Files.writeString(
        file,
        "{\"a\": {\"connector\": \"list\"}, \"b\": {\"connector\": \"list\", \"lazyConnect\": true}}");

    Map<String, DataSource> all = DataSources.load(file, ConnectorRegistry.load(), ENV);

    assertThat(all).containsOnlyKeys("a", "b");
    assertThat(all.get("a").connector().isConnected()).isTrue();
    assertThat(all.get("b").connector().isConnected()).isFalse();
  }

  @Test
  void loadByNameFailsForAnAbsentName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("datasources.json");
    Files.writeString(file, "{\"a\": {\"connector\": \"list\"}}");

    assertThatThrownBy(() -> DataSources.load(file, "zzz", ConnectorRegistry.load(), ENV))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("has no datasource \"zzz\"");
  }

  @Test
  void unreadableFileIsAConfigurationError(@TempDir Path dir) {
    assertThatThrownBy(() -> DataSources.load(dir.resolve("absent.json")))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("absent.json");
  }

  @Test
  void disconnectWaitsForInFlightOperations() throws Exception {
    DataSource db = DataSources.create("db", Map.of("connector", "list"));
    db.define("{\"name\": \"Slow\", \"properties\": {\"n\": \"number\"}}");
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    db.observe(
        "Slow",
        io.connectorkit.core.OperationHook.BEFORE_SAVE,
        context -> {
          inside.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    Thread writer = new Thread(() -> db.dao("Slow").create(Map.of("n", 1)));
    writer.start();
    inside.await();
    Thread closer = new Thread(db::disconnect);
    closer.start();

    closer.join(200);
    assertThat(db.connector().isConnected())
        .as("C6: disconnect waits while an operation is in flight")
        .isTrue();
    release.countDown();
    writer.join(5_000);
    closer.join(5_000);
    assertThat(db.connector().isConnected()).isFalse();
  }

  @Test
  void lifecycleIsIdempotent() {
    DataSource db = DataSources.create("db", Map.of("connector", "list", "lazyConnect", true));

    db.connect();
    db.connect();
    assertThat(db.ping()).isTrue();
    db.close();
    db.close();
    assertThat(db.connector().isConnected()).isFalse();
  }
}
