package io.connectorkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OperationListenerTest {
  private static final String PERSON =
      """
      {"name": "Person", "properties": {"name": {"type": "string", "required": true},
       "age": "number"}}""";

  private final List<String> events = new ArrayList<>();
  private DataSource db;
  private Dao people;

  @BeforeEach
  void setUp() {
    db = DataSources.create("db", Map.of("connector", "list"));
    db.define(PERSON);
    people = db.dao("Person");
    db.addOperationListener(
        new OperationListener() {
          @Override
          public void beforeOperation(OperationContext context) {
            context.setAttribute(this, "opened");
            events.add(
                "before "
                    + context.dataSource()
                    + " "
                    + context.model()
                    + " "
                    + context.operation());
          }

          @Override
          public void afterOperation(OperationContext context) {
            assertThat(context.attribute(this)).isEqualTo("opened");
            events.add(
                "after "
                    + context.operation()
                    + " "
                    + (context.errorCode() == null ? "ok" : context.errorCode()));
          }

          @Override
          public void fallback(
              String dataSource, String model, String operation, Fallback fallback) {
            events.add("fallback " + model + " " + operation + " " + fallback);
          }
        });
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void aSuccessfulOperationIsSeenBeforeAndAfterWithItsPrimitiveName() {
    people.create(Map.of("name", "Ada", "age", 36));
    people.count(null);

    assertThat(events)
        .containsExactly(
            "before db Person create",
            "after create ok",
            "before db Person count",
            "after count ok");
  }

  @Test
  void aFailedOperationStillReachesAfterOperationWithItsErrorCode() {
    assertThatThrownBy(() -> people.create(Map.of("age", 3)))
        .isInstanceOf(ConnectorException.class);

    assertThat(events).containsExactly("before db Person create", "after create VALIDATION_FAILED");
  }

  @Test
  void aConditionTheConnectorDoesNotEnforceIsReportedAsResidual() {
    people.create(Map.of("name", "Ada", "age", 36));
    events.clear();

    people.find(Filter.where(Where.gt("age", 30)));
    people.find(Filter.where(Where.gt("age", 30)));

    // Every evaluation counts, not only the first one that the log line reports.
    assertThat(events)
        .containsExactly(
            "before db Person find",
            "fallback Person find RESIDUAL",
            "after find ok",
            "before db Person find",
            "fallback Person find RESIDUAL",
            "after find ok");
  }

  @Test
  void anUpsertOnAConnectorWithoutTheFeatureIsReportedAsShim() {
    people.create(Map.of("name", "Ada", "age", 36));
    events.clear();

    people.upsertWithWhere(Where.eq("name", "Ada"), Map.of("name", "Ada", "age", 37));

    assertThat(events).contains("fallback Person upsertWithWhere SHIM");
  }

  @Test
  void aRemovedListenerSeesNothing() {
    DataSource other = DataSources.create("other", Map.of("connector", "list"));
    other.define(PERSON);
    List<String> seen = new ArrayList<>();
    OperationListener listener =
        new OperationListener() {
          @Override
          public void beforeOperation(OperationContext context) {
            seen.add(context.operation());
          }
        };
    other.addOperationListener(listener);
    other.dao("Person").count(null);
    other.removeOperationListener(listener);
    other.dao("Person").count(null);

    assertThat(seen).containsExactly("count");
    other.close();
  }

  @Test
  void theDataSourceNamesItsConnectorAndFeaturesWithoutHandingItOut() {
    assertThat(db.connectorName()).isEqualTo("list");
    assertThat(db.features()).contains(Feature.CRUD).doesNotContain(Feature.TRANSACTIONS);
  }
}
