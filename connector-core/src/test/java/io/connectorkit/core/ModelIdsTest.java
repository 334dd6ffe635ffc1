package io.connectorkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ModelIdsTest {
  private final ModelIds single =
      new ModelIds(
          ModelDefinition.fromJson(
              """
              {"name": "Person", "properties": {
                 "id": {"type": "number", "id": true}, "name": "string"}}
              """));
  private final ModelIds composite =
      new ModelIds(
          ModelDefinition.fromJson(
              """
              {"name": "Line", "properties": {
                 "item": {"type": "string", "id": 2},
                 "order": {"type": "number", "id": 1},
                 "qty": "number"}}
              """));
  private final ModelIds none =
      new ModelIds(
          ModelDefinition.fromJson(
              """
              {"name": "Log", "idInjection": false, "properties": {"m": "string"}}
              """));

  private static void assertCode(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }

  @Test
  void singleIdIsCoercedByItsPropertyType() {
    assertThat(single.coerce("7")).isEqualTo(7L);
    assertCode(() -> single.coerce(""), ErrorCode.INVALID_ARGUMENT, "is required");
    assertCode(() -> single.coerce("x"), ErrorCode.INVALID_ARGUMENT, "(`id`)");
  }

  @Test
  void compositeIdIsAMapOfCoercedPartsInIdOrder() {
    Object key = composite.coerce(Map.of("item", "pen", "order", "3"));

    assertThat(key).isEqualTo(Map.of("order", 3L, "item", "pen"));
    assertThat(key).isInstanceOf(Map.class);
    assertThat(List.<Object>copyOf(((Map<?, ?>) key).keySet())).containsExactly("order", "item");
    assertCode(() -> composite.coerce(3), ErrorCode.INVALID_ARGUMENT, "composite id [order, item]");
    assertCode(
        () -> composite.coerce(Map.of("order", 3)),
        ErrorCode.INVALID_ARGUMENT,
        "the id property `item` of model Line is required");
  }

  @Test
  void modelWithoutIdRefusesIdArguments() {
    assertThat(none.names()).isEmpty();
    assertCode(() -> none.coerce(1), ErrorCode.INVALID_ARGUMENT, "model Log has no id property");
  }

  @Test
  void givenIdIsNullWhenAnyPartIsMissing() {
    Map<String, Object> partial = new HashMap<>();
    partial.put("order", 3);
    partial.put("item", null);

    assertThat(composite.given(partial)).isNull();
    assertThat(composite.given(Map.of("order", 3, "item", "pen", "qty", 1)))
        .isEqualTo(Map.of("order", 3, "item", "pen"));
    assertThat(single.given(Map.of("name", "a"))).isNull();
    assertThat(single.given(Map.of("id", "5"))).isEqualTo("5");
  }

  @Test
  void whereAnyOfSelectsExactlyTheRowsIds() {
    List<Map<String, Object>> people = List.of(Map.of("id", 1L), Map.of("id", 2L));
    List<Map<String, Object>> lines =
        List.of(Map.of("order", 1L, "item", "a", "qty", 5L), Map.of("order", 2L, "item", "b"));

    assertThat(single.whereAnyOf(List.of())).isEqualTo(Where.none());
    assertThat(single.whereAnyOf(people)).isEqualTo(Where.inq("id", List.of(1L, 2L)));
    assertThat(composite.whereAnyOf(lines))
        .isEqualTo(
            Where.or(
                Where.and(Where.eq("order", 1L), Where.eq("item", "a")),
                Where.and(Where.eq("order", 2L), Where.eq("item", "b"))));
  }

  @Test
  void dataMayRepeatTheIdButNotChangeIt() {
    assertThat(single.withoutSameId(1L, Map.of("id", "1", "name", "a")))
        .isEqualTo(Map.of("name", "a"));
    assertCode(
        () -> single.withoutSameId(1L, Map.of("id", 2)),
        ErrorCode.INVALID_ARGUMENT,
        "cannot change the id of Person 1 to 2");
    assertCode(
        () -> composite.withoutSameId(Map.of("order", 1L, "item", "a"), Map.of("item", "b")),
        ErrorCode.INVALID_ARGUMENT,
        "cannot change the id of Line");
  }

  @Test
  void withIdPutsEveryPartOfTheKey() {
    assertThat(composite.withId(Map.of("order", 1L, "item", "a"), Map.of("qty", 2L)))
        .isEqualTo(Map.of("order", 1L, "item", "a", "qty", 2L));
    assertThat(single.withId(4L, Map.of("name", "a"))).isEqualTo(Map.of("id", 4L, "name", "a"));
  }

  @Test
  void bulkDataHoldingAnIdPropertyIsRefused() {
    assertCode(
        () -> composite.refuseIdChange("updateAll", Map.of("qty", 1, "item", "b")),
        ErrorCode.INVALID_ARGUMENT,
        "updateAll of Line cannot change the id property `item`");
  }
}
