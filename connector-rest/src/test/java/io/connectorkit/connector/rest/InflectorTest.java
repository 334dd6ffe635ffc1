package io.connectorkit.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InflectorTest {
  @Test
  void pluralisesTheLastWordInLowerCamelCase() {
    assertThat(Inflector.resourceName("Person")).isEqualTo("people");
    assertThat(Inflector.resourceName("SalesPerson")).isEqualTo("salesPeople");
    assertThat(Inflector.resourceName("Category")).isEqualTo("categories");
    assertThat(Inflector.resourceName("Day")).isEqualTo("days");
    assertThat(Inflector.resourceName("Box")).isEqualTo("boxes");
    assertThat(Inflector.resourceName("Address")).isEqualTo("addresses");
    assertThat(Inflector.resourceName("Branch")).isEqualTo("branches");
    assertThat(Inflector.resourceName("TodoList")).isEqualTo("todoLists");
    assertThat(Inflector.resourceName("order")).isEqualTo("orders");
  }
}
