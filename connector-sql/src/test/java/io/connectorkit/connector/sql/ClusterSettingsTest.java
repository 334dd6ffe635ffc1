package io.connectorkit.connector.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.common.CausalToken;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.ReadPreference;
import io.connectorkit.core.spi.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
  private static final JdbcEndpoint PRIMARY =
      new JdbcEndpoint("10.0.0.1", 3306, "corp", "app", "s3cret", Map.of());

  private static ClusterSettings read(Map<String, ?> values) {
    return ClusterSettings.read("corp", Settings.of(values), PRIMARY);
  }

  @Test
  void replicasAsObjectsOrHostPortShareThePrimarysDatabaseAndCredentials() {
    ClusterSettings cluster =
        read(Map.of("replicas", List.of(Map.of("host", "10.0.0.2", "port", 3307), "10.0.0.3")));
    assertThat(cluster.replicas())
        .extracting(JdbcEndpoint::host, JdbcEndpoint::port, JdbcEndpoint::database)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("10.0.0.2", 3307, "corp"),
            org.assertj.core.groups.Tuple.tuple("10.0.0.3", 3306, "corp"));
    assertThat(cluster.readPreference()).isEqualTo(ReadPreference.REPLICA_PREFERRED);
    assertThat(cluster.causalReads()).isTrue();
    assertThat(read(Map.of()).clustered()).isFalse();
    assertThat(read(Map.of()).readPreference()).isEqualTo(ReadPreference.PRIMARY);
  }

  @Test
  void badValuesFailWithConfigurationInvalidNamingTheKey() {
    assertInvalid(Map.of("replicas", "10.0.0.2"), "\"replicas\"");
    assertInvalid(Map.of("replicas", List.of(Map.of("port", 1))), "\"replicas\"");
    assertInvalid(Map.of("replicas", List.of("h:99999")), "99999");
    assertInvalid(Map.of("readPreference", "nearest"), "\"readPreference\"");
    assertInvalid(Map.of("maxReplicaLag", -1), "maxReplicaLag");
    assertInvalid(Map.of("causalWaitTimeout", "soon"), "causalWaitTimeout");
  }

  private static void assertInvalid(Map<String, ?> values, String named) {
    assertThatThrownBy(() -> read(values))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining(named)
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void positionsCompareByGtidSequenceAndByLsn() {
    ClusterSql maria = new ClusterSql.MariaDb();
    assertThat(maria.later("0-1-9", "0-2-10")).isEqualTo("0-2-10");
    assertThat(maria.later("0-1-11", "0-2-10")).isEqualTo("0-1-11");
    ClusterSql postgres = new ClusterSql.Postgres();
    assertThat(postgres.later("0/3016038", "0/2FFFFFF")).isEqualTo("0/3016038");
    assertThat(postgres.later("0/FFFFFFFF", "1/0")).isEqualTo("1/0");
  }

  @Test
  void aCausalTokenKeepsTheLaterPositionAndTravelsAsText() {
    CausalToken token = CausalToken.create();
    assertThat(token.position()).isNull();
    token.advance("0/20", new ClusterSql.Postgres()::later);
    token.advance("0/10", new ClusterSql.Postgres()::later);
    assertThat(CausalToken.of(token.position()).position()).isEqualTo("0/20");
    assertThat(CausalToken.of("").position()).isNull();
  }
}
