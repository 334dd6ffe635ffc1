package io.connectorkit.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.connectorkit.connector.sql.JdbcConnector;
import io.connectorkit.connector.sql.JdbcEndpoint;
import io.connectorkit.connector.sql.JdbcSettings;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Regexp;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.Settings;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings parsing, error mapping and generated SQL. */
class PostgresDialectTest {
  private final PostgresDialect dialect = new PostgresDialect();

  private static final ModelDefinition PERSON =
      ModelDefinition.fromJson(
          """
          {"name": "Person", "postgresql": {"table": "people"}, "properties": {
            "id": {"type": "number", "id": true, "generated": true},
            "name": {"type": "string", "length": 100, "index": true},
            "age": "number", "vip": "boolean", "born": "date", "address": "object",
            "photo": "buffer"}}
          """);

  // ---------------------------------------------------------------- settings

  @Test
  void urlSettingsOverrideTheDiscreteOnes() {
    JdbcEndpoint endpoint =
        PostgresConnectorFactory.endpoint(
            Settings.of(
                Map.of(
                    "url", "postgres://ann:p%40ss@db.example:6543/sales?sslmode=require",
                    "host", "ignored",
                    "database", "ignored")));
    assertThat(endpoint.host()).isEqualTo("db.example");
    assertThat(endpoint.port()).isEqualTo(6543);
    assertThat(endpoint.user()).isEqualTo("ann");
    assertThat(endpoint.password()).isEqualTo("p@ss");
    assertThat(endpoint.database()).isEqualTo("sales");
    assertThat(endpoint.query()).containsEntry("sslmode", "require");
    assertThat(endpoint.jdbcUrl("postgresql", endpoint.database()))
        .isEqualTo("jdbc:postgresql://db.example:6543/sales");
  }

  @Test
  void postgresqlAndJdbcSchemesAreAccepted() {
    assertThat(
            PostgresConnectorFactory.endpoint(
                    Settings.of(Map.of("url", "jdbc:postgresql://127.0.0.1/test")))
                .database())
        .isEqualTo("test");
    assertThat(
            PostgresConnectorFactory.endpoint(Settings.of(Map.of("url", "postgresql://h/db")))
                .port())
        .isEqualTo(5432);
  }

  @Test
  void discreteSettingsHaveLoopBackDefaults() {
    JdbcEndpoint endpoint =
        PostgresConnectorFactory.endpoint(Settings.of(Map.of("username", "bob", "db", "shop")));
    assertThat(endpoint.host()).isEqualTo("localhost");
    assertThat(endpoint.port()).isEqualTo(5432);
    assertThat(endpoint.user()).isEqualTo("bob");
    assertThat(endpoint.database()).isEqualTo("shop");
    assertThat(PostgresConnectorFactory.endpoint(Settings.of(Map.of())).database())
        .as("the user's database, as libpq does")
        .isEqualTo("postgres");
  }

  @Test
  void aUrlOfAnotherSchemeIsConfigurationInvalidWithoutThePassword() {
    Throwable thrown =
        catchThrowable(
            () ->
                PostgresConnectorFactory.endpoint(
                    Settings.of(Map.of("url", "mysql://root:s3cret@127.0.0.1/test"))));
    assertThat(thrown).isInstanceOf(ConnectorException.class);
    assertThat(((ConnectorException) thrown).code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(thrown.getMessage()).doesNotContain("s3cret");
  }

  @Test
  void aWrongTypeIsRejectedNamingTheKey() {
    Throwable thrown =
        catchThrowable(() -> new PostgresConnectorFactory().initialize(settings("port", "abc")));
    assertThat(thrown).isInstanceOf(ConnectorException.class);
    assertThat(((ConnectorException) thrown).code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(thrown.getMessage()).contains("port");
  }

  @Test
  void driverPropertiesMakeStringsUntypedAndMapSslAndSchema() {
    JdbcSettings jdbc =
        PostgresConnectorFactory.read(
            Settings.of(
                Map.of(
                    "url", "postgres://u@h/db",
                    "ssl", Map.of("rejectUnauthorized", false, "sslrootcert", "/ca.pem"),
                    "schema", "app")));
    assertThat(jdbc.driverProperties())
        .containsEntry("stringtype", "unspecified")
        .doesNotContainKey("prepareThreshold")
        .containsEntry("sslmode", "require")
        .containsEntry("sslrootcert", "/ca.pem")
        .containsEntry("currentSchema", "app");
  }

  @Test
  void thePasswordNeverShowsInSettings() {
    Settings settings =
        Settings.of(Map.of("url", "postgres://u:s3cret@h/db", "password", "other-secret"));
    assertThat(settings.toString()).doesNotContain("s3cret").doesNotContain("other-secret");
  }

  private static Settings settings(String key, Object value) {
    return Settings.of(Map.of("url", "postgres://u@h/db", key, value));
  }

  // ---------------------------------------------------------------- errors

  @Test
  void sqlStatesMapToContractCodes() {
    assertThat(dialect.errorCode(new SQLException("dup", "23505")))
        .isEqualTo(ErrorCode.DUPLICATE_KEY);
    assertThat(dialect.errorCode(new SQLException("cancel", "57014"))).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(dialect.errorCode(new SQLException("lock", "55P03"))).isEqualTo(ErrorCode.TIMEOUT);
    for (String state : List.of("08001", "08006", "28P01", "3D000", "53300", "57P01")) {
      assertThat(dialect.errorCode(new SQLException("down", state)))
          .as(state)
          .isEqualTo(ErrorCode.CONNECTION_FAILED);
    }
    assertThat(dialect.errorCode(new SQLTransientConnectionException("pool exhausted")))
        .isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(dialect.errorCode(new SQLException("fk", "23503")))
        .isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(dialect.errorCode(new SQLException("syntax", "42601")))
        .isEqualTo(ErrorCode.BACKEND_ERROR);
  }

  // ---------------------------------------------------------------- SQL

  /** Building conditions reads the table's collations, hence the test server. */
  private JdbcConnector connector() {
    return (JdbcConnector)
        new PostgresConnectorFactory().initialize(Settings.of(PostgresTestDatabase.settings()));
  }

  @Test
  void stringsCompareUnderTheCCollationWhenTheColumnIsNotKnownToBeExact() {
    assertThat(dialect.exactString("\"name\"")).isEqualTo("\"name\" COLLATE \"C\"");
    assertThat(dialect.exactCollation("C")).isTrue();
    assertThat(dialect.exactCollation("POSIX")).isTrue();
    assertThat(dialect.exactCollation("default")).isFalse();
    assertThat(dialect.exactCollation("en-US-x-icu")).isFalse();
    assertThat(dialect.exactCollation(null)).isFalse();
  }

  @Test
  void ordersPutNullsFirstAscendingAndLastDescending() {
    assertThat(dialect.orderKey("\"age\"", false)).isEqualTo("\"age\" ASC NULLS FIRST");
    assertThat(dialect.orderKey("\"age\"", true)).isEqualTo("\"age\" DESC NULLS LAST");
  }

  @Test
  void negationsIncludeNullRowsAndLikeEscapesWithABackslash() {
    String sql =
        connector()
            .statements()
            .conditionSql(
                PERSON,
                FilterParser.parse(
                        "{\"where\": {\"age\": {\"neq\": 3, \"between\": [1, 2]},"
                            + " \"vip\": {\"nin\": [true]}, \"name\": {\"nlike\": \"a%\"}}}")
                    .where())
            .sql();
    assertThat(sql)
        .contains("NOT (\"age\" IS NOT DISTINCT FROM ?)")
        .contains("(\"vip\" IS NULL OR NOT (\"vip\" = ANY(?)))")
        .contains("\"age\" BETWEEN ? AND ?")
        // No table "people" exists, so nothing vouches for the column's collation.
        .contains(
            "(\"name\" COLLATE \"C\" IS NULL OR NOT (\"name\" COLLATE \"C\" LIKE ? ESCAPE E'\\\\'))");
    assertThat(dialect.likeEscape()).isEqualTo(" ESCAPE E'\\\\'");
  }

  @Test
  void insertsWithoutColumnsTakeEveryDefault() {
    assertThat(dialect.insertWithoutColumns("\"t\"", 1))
        .isEqualTo("INSERT INTO \"t\" DEFAULT VALUES");
    assertThat(dialect.insertWithoutColumns("\"t\"", 3))
        .isEqualTo("INSERT INTO \"t\" SELECT FROM generate_series(1, 3)");
  }

  @Test
  void columnTypesFollowTheModel() {
    assertThat(dialect.columnType(PERSON.properties().get("name"), true))
        .isEqualTo("VARCHAR(100) COLLATE \"C\"");
    assertThat(dialect.columnType(PERSON.properties().get("age"), false))
        .isEqualTo("DOUBLE PRECISION");
    assertThat(dialect.columnType(PERSON.properties().get("id"), false)).isEqualTo("BIGINT");
    assertThat(dialect.columnType(PERSON.properties().get("vip"), false)).isEqualTo("BOOLEAN");
    assertThat(dialect.columnType(PERSON.properties().get("born"), false))
        .isEqualTo("TIMESTAMP(3)");
    assertThat(dialect.columnType(PERSON.properties().get("address"), false)).isEqualTo("JSON");
    assertThat(dialect.columnType(PERSON.properties().get("photo"), false)).isEqualTo("BYTEA");
  }

  @Test
  void discoveredTypesMapPostgresNames() {
    assertThat(dialect.discoveredType("bigint", "int8")).isEqualTo(PropertyType.NUMBER);
    assertThat(dialect.discoveredType("double precision", "float8")).isEqualTo(PropertyType.NUMBER);
    assertThat(dialect.discoveredType("boolean", "bool")).isEqualTo(PropertyType.BOOLEAN);
    assertThat(dialect.discoveredType("timestamp without time zone", "timestamp"))
        .isEqualTo(PropertyType.DATE);
    assertThat(dialect.discoveredType("bytea", "bytea")).isEqualTo(PropertyType.BUFFER);
    assertThat(dialect.discoveredType("jsonb", "jsonb")).isEqualTo(PropertyType.ANY);
    assertThat(dialect.discoveredType("character varying", "varchar"))
        .isEqualTo(PropertyType.STRING);
  }

  @Test
  void indexNamesAreQualifiedByTheTableAndFitSixtyThreeBytes() {
    assertThat(dialect.indexName("people", "email")).isEqualTo("people_email");
    String longName = dialect.indexName("t".repeat(40), "ä".repeat(30));
    assertThat(longName.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    assertThat(longName).isNotEqualTo(dialect.indexName("t".repeat(40), "ä".repeat(31)));
  }

  @Test
  void jsonColumnCommentsAreEscapedLiterals() {
    assertThat(dialect.columnCommentStatement("\"t\"", "\"c\"", "it's \\ \"x\""))
        .isEqualTo("COMMENT ON COLUMN \"t\".\"c\" IS E'it\\'s \\\\ \"x\"'");
  }

  @Test
  void onlyLiteralRegexpsArePushedDownAsLike() {
    assertThat(PostgresDialect.likeOfRegexp(new Regexp("abc", ""))).isEqualTo("%abc%");
    assertThat(PostgresDialect.likeOfRegexp(new Regexp("^ab", "s"))).isEqualTo("ab%");
    assertThat(PostgresDialect.likeOfRegexp(new Regexp("50%_off", ""))).isEqualTo("%50\\%\\_off%");
    assertThat(PostgresDialect.likeOfRegexp(new Regexp("", ""))).isEqualTo("%%");
    for (Regexp residual :
        List.of(
            new Regexp("abc", "i"),
            new Regexp("^ab", "m"),
            new Regexp("a.c", ""),
            new Regexp("ab$", ""),
            new Regexp("\\d", ""),
            new Regexp("a|b", ""),
            new Regexp("[ab]", ""),
            new Regexp("a{2}", ""),
            new Regexp("(?i)a", ""))) {
      assertThat(PostgresDialect.likeOfRegexp(residual)).as(residual.toString()).isNull();
      assertThat(dialect.regexp("\"name\"", residual)).as(residual.toString()).isNull();
    }
    assertThat(dialect.regexp("\"name\"", new Regexp("abc", "")))
        .isEqualTo("\"name\" LIKE ? ESCAPE E'\\\\'");
    assertThat(
            connector()
                .pushdown(
                    PERSON, FilterParser.parse("{\"where\": {\"name\": {\"regexp\": \"^a.\"}}}"))
                .residual()
                .isAll())
        .isFalse();
  }
}
