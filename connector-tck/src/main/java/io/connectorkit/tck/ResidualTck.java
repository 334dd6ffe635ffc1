package io.connectorkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterBinder;
import io.connectorkit.core.filter.FilterEvaluator;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.Pushdown;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C4.6 residual evaluation: whatever a connector pushes down, every query answers exactly as the
 * reference evaluator does over all rows, paging included.
 */
public abstract class ResidualTck extends TckSection {
  private Dao places;
  private ModelDefinition model;

  protected ResidualTck(ConnectorTck tck) {
    super(tck);
  }

  @BeforeEach
  final void definePlaces() {
    places =
        define(
            """
            {"name": "TckPlace",
             "properties": {"name": "string", "rank": "number", "open": "boolean",
                            "address": {"type": "object"}, "tags": {"type": ["string"]}}}
            """);
    model = db.model("TckPlace");
    String[] cities = {"Lyon", "lyon", "Paris", null, "Oslo", "Åre", "Paris"};
    for (int i = 0; i < 21; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("name", "place " + (char) ('a' + i % 7) + i);
      row.put("rank", i % 4 == 0 ? null : (long) (i % 5));
      row.put("open", i % 3 == 0);
      String city = cities[i % cities.length];
      row.put("address", city == null ? null : Map.of("city", city, "zip", 1000 + i));
      row.put("tags", i % 2 == 0 ? List.of("t" + i % 3, "x") : List.of());
      places.create(row);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"where\": {\"address.city\": \"Paris\"}, \"order\": \"rank DESC\", \"skip\": 1, \"limit\": 2}",
        "{\"where\": {\"name\": {\"regexp\": \"/E\\\\d$/i\"}}, \"order\": \"name\"}",
        "{\"where\": {\"or\": [{\"rank\": {\"gt\": 2}}, {\"address.city\": {\"ilike\": \"l%\"}}]}, \"limit\": 3}",
        "{\"where\": {\"tags\": {\"nin\": [\"x\"]}, \"open\": true}, \"order\": [\"rank ASC\", \"name DESC\"]}",
        "{\"where\": {\"address.zip\": {\"between\": [1003, 1015]}}, \"skip\": 2}",
        "{\"where\": {\"and\": [{\"name\": {\"nlike\": \"%1_\"}}, {\"rank\": {\"neq\": null}}]}, \"order\": \"address.city DESC\", \"limit\": 4}"
      })
  @ContractSection("C4.6")
  void everyQueryAnswersAsTheReferenceEvaluatorDoes(String json) {
    Filter filter = FilterParser.parse(json);
    List<Map<String, Object>> all = places.find(Filter.ALL);

    List<Map<String, Object>> expected =
        FilterEvaluator.apply(FilterBinder.bind(filter, model), all, List.of(model.idName()));

    assertThat(places.find(filter))
        .as("C4.6: %s answers as the reference semantics, whatever the connector pushes down", json)
        .isEqualTo(expected);
  }

  @Test
  @ContractSection("C4.6")
  void countAndBulkWritesHonourConditionsTheConnectorDoesNotEnforce() {
    Where where = Where.and(Where.regexp("name", "/[aeiou]1/"), Where.eq("address.city", "Paris"));
    List<Map<String, Object>> all = places.find(Filter.ALL);
    long expected =
        FilterEvaluator.apply(
                Filter.where(FilterBinder.bind(where, model)), all, List.of(model.idName()))
            .size();

    assertThat(places.count(where)).as("C4.6: count honours every condition").isEqualTo(expected);
    assertThat(places.updateAll(where, Map.of("open", false)))
        .as("C4.6: updateAll matches through every condition")
        .isEqualTo(expected);
    assertThat(places.deleteAll(where))
        .as("C4.6: deleteAll deletes through every condition")
        .isEqualTo(expected);
    assertThat(places.count(Where.all())).isEqualTo(all.size() - expected);
  }

  @Test
  @ContractSection(value = "C7", features = Feature.NESTED_PROPERTIES)
  void nestedPathsArePushedDownWhenNestedPropertiesIsDeclared() {
    Filter nested = FilterBinder.bind(Filter.where(Where.eq("address.city", "Oslo")), model);

    if (supports(Feature.NESTED_PROPERTIES)) {
      Pushdown pushdown = db.unwrap(Connector.class).pushdown(model, nested);
      assertThat(pushdown.residual().isAll())
          .as(
              "C7: a connector declaring NESTED_PROPERTIES enforces nested paths itself, left %s",
              pushdown.residual())
          .isTrue();
    }
    assertThat(places.find(nested))
        .as("C4.1: nested paths work on every connector")
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row.get("address")).asString().contains("Oslo"));
  }
}
