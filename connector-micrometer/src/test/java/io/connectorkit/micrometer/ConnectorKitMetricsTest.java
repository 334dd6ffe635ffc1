package io.connectorkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConnectorKitMetricsTest {
  private static final String MODEL =
      """
      {"name": "EcoMetered", "properties": {"id": {"type": "number", "id": true},
       "name": "string", "age": "number"}}""";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private Dao open(DataSource db) {
    ConnectorKitMetrics.of(db).bindTo(registry);
    db.define(MODEL);
    db.automigrate("EcoMetered");
    return db.dao("EcoMetered");
  }

  private Timer operation(String name, String operation, String error) {
    return registry
        .find(OperationMetrics.OPERATION)
        .tags("datasource", name, "model", "EcoMetered", "operation", operation, "error", error)
        .timer();
  }

  @ParameterizedTest
  @EnumSource(Backends.class)
  void everyOperationAndEveryNativeCallIsTimedWithItsTags(Backends backend) {
    String name = "eco-metrics-" + backend.name().toLowerCase();
    try (DataSource db = backend.open(name)) {
      Dao people = open(db);
      people.create(Map.of("id", 1, "name", "Ada", "age", 36));
      people.create(Map.of("id", 2, "name", "Alan", "age", 41));
      people.find(Filter.where(Where.gt("age", 30)));
      people.count(null);
      people.updateAll(Where.eq("name", "Ada"), Map.of("age", 37));

      assertThat(operation(name, "create", "none").count()).isEqualTo(2);
      assertThat(operation(name, "find", "none").count()).isEqualTo(1);
      assertThat(operation(name, "count", "none").count()).isEqualTo(1);
      Timer update = operation(name, "updateAll", "none");
      assertThat(update.count()).isEqualTo(1);
      assertThat(update.totalTime(TimeUnit.NANOSECONDS)).isPositive();
      assertThat(update.getId().getTag("outcome")).isEqualTo("success");
      assertThat(update.getId().getTag("connector")).isEqualTo(db.connectorName());

      Timer inserts =
          registry
              .find(OperationMetrics.NATIVE_CALL)
              .tags("datasource", name, "model", "EcoMetered", "operation", "INSERT")
              .timer();
      assertThat(inserts).isNotNull();
      assertThat(inserts.count()).isGreaterThanOrEqualTo(2);
      assertThat(
              registry
                  .find(OperationMetrics.NATIVE_CALL)
                  .tags("datasource", name, "operation", "SELECT", "outcome", "success")
                  .timers())
          .isNotEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backends.class)
  void aFailureIsTaggedWithItsContractCodeOnTheOperationAndTheNativeCall(Backends backend) {
    String name = "eco-metrics-fail-" + backend.name().toLowerCase();
    try (DataSource db = backend.open(name)) {
      Dao people = open(db);
      people.create(Map.of("id", 1, "name", "Ada"));

      assertThatThrownBy(() -> people.create(Map.of("id", 1, "name", "Ada again")))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY));

      Timer failed = operation(name, "create", "DUPLICATE_KEY");
      assertThat(failed).isNotNull();
      assertThat(failed.count()).isEqualTo(1);
      assertThat(failed.getId().getTag("outcome")).isEqualTo("error");
      Timer nativeFailed =
          registry
              .find(OperationMetrics.NATIVE_CALL)
              .tags("datasource", name, "operation", "INSERT", "error", "DUPLICATE_KEY")
              .timer();
      assertThat(nativeFailed).isNotNull();
      assertThat(nativeFailed.count()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backends.class)
  void theHikariPoolOfASqlDatasourceReportsUnderTheDatasourcesName(Backends backend) {
    String name = "eco-metrics-pool-" + backend.name().toLowerCase();
    try (DataSource db = backend.open(name)) {
      open(db).count(null);

      assertThat(registry.find("hikaricp.connections.max").tag("pool", name).gauge())
          .isNotNull()
          .satisfies(gauge -> assertThat(gauge.value()).isEqualTo(2.0));
      assertThat(registry.find("hikaricp.connections.acquire").tag("pool", name).timer())
          .isNotNull()
          .satisfies(timer -> assertThat(timer.count()).isPositive());
    }
  }

  @Test
  void aConditionPostgresqlCannotPushDownCountsAsAResidualEvaluation() {
    String name = "eco-metrics-residual";
    try (DataSource db = Backends.POSTGRESQL.open(name)) {
      Dao people = open(db);
      people.create(Map.of("id", 1, "name", "Ada"));
      people.create(Map.of("id", 2, "name", "Bob"));

      assertThat(people.find(Filter.where(Where.regexp("name", "/^a.A$/i")))).hasSize(1);
      people.find(Filter.where(Where.regexp("name", "/^a.A$/i")));

      assertThat(
              registry
                  .find(OperationMetrics.RESIDUALS)
                  .tags("datasource", name, "model", "EcoMetered", "operation", "find")
                  .counter())
          .isNotNull()
          .satisfies(counter -> assertThat(counter.count()).isEqualTo(2.0));
    }
  }
}
