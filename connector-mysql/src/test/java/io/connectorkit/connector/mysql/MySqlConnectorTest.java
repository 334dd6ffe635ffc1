package io.connectorkit.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.connectorkit.connector.sql.JdbcConnectorScenarios;
import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.spi.Connector;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MySQL-specific behaviour against the real server: injection, concurrency, pool, migration. */
class MySqlConnectorTest extends JdbcConnectorScenarios {
  @Override
  protected DataSource open(Map<String, Object> settings) {
    return MySqlTestDatabase.open(settings);
  }

  @Override
  protected String hostileFieldName() {
    return "name`, (SELECT password FROM mysql.user) AS `x";
  }

  @Override
  protected Map.Entry<String, Object> duplicateKeyDetail() {
    return Map.entry("vendorCode", 1062);
  }

  @Override
  protected String addLegacyColumnSql() {
    return "ALTER TABLE `CkItem` ADD COLUMN `legacy` VARCHAR(10)";
  }

  @Override
  protected String columnNamesSql() {
    return "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";
  }

  @Override
  protected String indexNamesSql() {
    return "SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";
  }

  @Override
  protected String addedIndexName() {
    return "added";
  }

  @Override
  protected String connectorName() {
    return "mysql";
  }

  @Override
  protected String unreachableUrlWithPassword() {
    return "mysql://root:s3cret@127.0.0.1:1/ck_test";
  }

  // ---------------------------------------------------------------- settings and errors

  @Test
  void wrongPasswordIsConnectionFailed() {
    Throwable thrown =
        catchThrowable(
            () ->
                DataSources.create(
                    "auth",
                    Map.of(
                        "connector", "mysql",
                        "host", "127.0.0.1",
                        "user", "nobody_ck",
                        "password", "wrong-secret",
                        "database", "ck_test")));
    assertThat(thrown).isInstanceOf(ConnectorException.class);
    assertThat(((ConnectorException) thrown).code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(thrown.getMessage()).doesNotContain("wrong-secret");
  }

  @Test
  void lazyConnectDefersTheConnection() {
    try (DataSource lazy =
        DataSources.create(
            "lazy",
            Map.of(
                "connector", "mysql", "url", "mysql://root@127.0.0.1:1/x", "lazyConnect", true))) {
      assertThat(lazy.unwrap(Connector.class).isConnected()).isFalse();
    }
  }

  /** Was 9 to 10 with GET_LOCK and a read before each write. */
  @Override
  protected Map<String, Integer> upsertStatements() {
    return java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(
            Map.of("create", 2, "patch", 2, "replace", 2, "patchGenerated", 2)));
  }

  // ---------------------------------------------------------------- values and names MySQL cannot
  // keep

  private static final String LIMITS =
      """
      {"name": "CkLimits", "properties": {"name": "string", "at": "date"}}
      """;

  @Test
  void nulCharactersAndTheYearsZeroTo9999RoundTripAndOtherYearsAreValidationFailed() {
    db.define(LIMITS);
    db.automigrate("CkLimits");
    Dao limits = db.dao("CkLimits");
    for (String edge : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z")) {
      Object id = limits.create(Map.of("name", "a\u0000b" + edge, "at", edge)).get("id");
      assertThat(limits.findById(id).orElseThrow())
          .containsEntry("at", Instant.parse(edge))
          .containsEntry("name", "a\u0000b" + edge);
    }
    assertThat(limits.count(Where.eq("name", "a\u0000b0000-01-01T00:00:00Z"))).isEqualTo(1);
    for (String outside : List.of("-0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z")) {
      long millis = Instant.parse(outside).toEpochMilli();
      Throwable thrown = catchThrowable(() -> limits.create(Map.of("name", outside, "at", millis)));
      assertThat(thrown)
          .as(outside)
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                assertThat(e.getMessage()).contains("CkLimits", "`at`", "year");
              });
    }
    assertThat(limits.count(null)).isEqualTo(2);
  }

  @Test
  void aNameMySqlCannotHoldFailsAtDefineNamingModelAndName() {
    String column = "é".repeat(65);
    for (String model :
        List.of(
            "{\"name\": \"CkLongName\", \"properties\": {\"" + column + "\": \"string\"}}",
            "{\"name\": \"CkLongName\", \"properties\": {\"a\": \"string\"},"
                + " \"mysql\": {\"table\": \"trailing \"}}",
            "{\"name\": \"CkLongName\", \"properties\": {\"a\\uD83D\\uDE00\": \"string\"}}")) {
      Throwable thrown = catchThrowable(() -> db.define(model));
      assertThat(thrown)
          .as(model)
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                assertThat(e.getMessage()).contains("CkLongName");
                assertThat(e.details()).containsEntry("model", "CkLongName").containsKey("name");
              });
    }
    String longest = "é".repeat(64);
    db.define("{\"name\": \"CkLongName\", \"properties\": {\"" + longest + "\": \"string\"}}");
    db.automigrate("CkLongName");
    db.dao("CkLongName").create(Map.of(longest, "kept"));
    assertThat(db.dao("CkLongName").count(Where.eq(longest, "kept"))).isEqualTo(1);
  }
}
