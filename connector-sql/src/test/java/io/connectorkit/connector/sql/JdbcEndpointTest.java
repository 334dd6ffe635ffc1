package io.connectorkit.connector.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcEndpointTest {
  private static JdbcEndpoint of(Map<String, Object> settings) {
    return JdbcEndpoint.of(Settings.of(settings), 3306, "root", "mysql", "mariadb");
  }

  @Test
  void urlPartsWinOverTheDiscreteSettingsAndAreDecoded() {
    JdbcEndpoint endpoint =
        of(
            Map.of(
                "url", "jdbc:mariadb://ann:p%40ss@db.example:3307/sales?useSSL=true&x",
                "host", "ignored",
                "user", "ignored"));

    assertThat(endpoint)
        .isEqualTo(
            new JdbcEndpoint(
                "db.example", 3307, "sales", "ann", "p@ss", Map.of("useSSL", "true", "x", "")));
    assertThat(endpoint.jdbcUrl("mysql", "")).isEqualTo("jdbc:mysql://db.example:3307/");
  }

  @Test
  void emptyQueryPairsNameNoDriverProperty() {
    JdbcEndpoint endpoint = of(Map.of("url", "mysql://root@h:3306/db?&useSSL=true&&x=1&"));

    assertThat(endpoint.query()).containsExactly(Map.entry("useSSL", "true"), Map.entry("x", "1"));
  }

  @Test
  void discreteSettingsAndDefaultsApplyWithoutAUrl() {
    assertThat(of(Map.of("db", "shop", "username", "bob", "password", "pw")))
        .isEqualTo(new JdbcEndpoint("localhost", 3306, "shop", "bob", "pw", Map.of()));
  }

  @Test
  void anIpv6HostIsBareInTheEndpointAndBracketedInTheJdbcUrl() {
    JdbcEndpoint endpoint = of(Map.of("url", "mysql://root@[::1]:3306/test"));

    assertThat(endpoint.host()).isEqualTo("::1");
    assertThat(endpoint.jdbcUrl("mysql", "test")).isEqualTo("jdbc:mysql://[::1]:3306/test");
  }

  @Test
  void anUnreadableUrlOrAnotherSchemeIsConfigurationInvalidWithoutThePassword() {
    ConnectorException unreadable =
        catchThrowableOfType(
            ConnectorException.class, () -> of(Map.of("url", "mysql://root:s3cret@bad host/db")));
    ConnectorException otherScheme =
        catchThrowableOfType(
            ConnectorException.class, () -> of(Map.of("url", "postgres://root:s3cret@h/db")));

    assertThat(unreadable.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(unreadable.getMessage()).contains("not a mysql:// URL").doesNotContain("s3cret");
    assertThat(otherScheme.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(otherScheme.getMessage())
        .contains("must start with mysql://")
        .doesNotContain("s3cret");
  }

  @Test
  void toStringNeverShowsThePassword() {
    assertThat(of(Map.of("url", "mysql://root:s3cret@h/db")).toString())
        .doesNotContain("s3cret")
        .contains("root@h:3306/db");
  }
}
