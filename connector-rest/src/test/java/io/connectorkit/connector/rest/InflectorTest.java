package io.connectorkit.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.model.ModelDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InflectorTest {
  /**
   * What {@code require('inflection').pluralize(word)} (inflection 1.13.4, the version LoopBack 3
   * and 4 resolve) answered for each word, recorded with Node.js.
   */
  private static final List<Map.Entry<String, String>> LOOPBACK_PLURALS =
      List.of(
          Map.entry("Quiz", "Quizzes"),
          Map.entry("Leaf", "Leafs"),
          Map.entry("Analysis", "Analyses"),
          Map.entry("Information", "Information"),
          Map.entry("Person", "People"),
          Map.entry("SalesPerson", "SalesPeople"),
          Map.entry("Category", "Categories"),
          Map.entry("Day", "Days"),
          Map.entry("Box", "Boxes"),
          Map.entry("Address", "Addresses"),
          Map.entry("Branch", "Branches"),
          Map.entry("TodoList", "TodoLists"),
          Map.entry("order", "orders"),
          Map.entry("Note", "Notes"),
          Map.entry("Status", "Statuses"),
          Map.entry("Child", "Children"),
          Map.entry("Mouse", "Mice"),
          Map.entry("Matrix", "Matrices"),
          Map.entry("Index", "Indices"),
          Map.entry("Bus", "Buses"),
          Map.entry("Octopus", "Octopuses"),
          Map.entry("Ox", "Oxen"),
          Map.entry("Sheep", "Sheep"),
          Map.entry("Half", "Halves"),
          Map.entry("Wife", "Wives"),
          Map.entry("Hero", "Heros"),
          Map.entry("Crisis", "Crises"),
          Map.entry("Datum", "Data"),
          Map.entry("Medium", "Media"),
          Map.entry("Series", "Series"),
          Map.entry("Equipment", "Equipment"),
          Map.entry("Woman", "Women"),
          Map.entry("Tooth", "teeth"),
          Map.entry("Foot", "feet"),
          Map.entry("Goose", "geese"),
          Map.entry("Axis", "Axes"),
          Map.entry("Virus", "Viruses"),
          Map.entry("Shoe", "Shoes"),
          Map.entry("Tomato", "Tomatoes"),
          Map.entry("Knife", "Knives"),
          Map.entry("Safe", "Saves"),
          Map.entry("Dwarf", "Dwarves"),
          Map.entry("Vertex", "Vertices"),
          Map.entry("Criterion", "Criteria"),
          Map.entry("Kiss", "Kisses"),
          Map.entry("Fox", "Foxes"),
          Map.entry("NoteTag", "NoteTags"),
          Map.entry("Genus", "genera"),
          Map.entry("Drive", "Drives"),
          Map.entry("Movie", "Movies"),
          Map.entry("People", "People"),
          Map.entry("Men", "Men"),
          Map.entry("Quizzes", "Quizzes"));

  @Test
  void pluralizesAsLoopBacksInflectionLibrary() {
    for (Map.Entry<String, String> pair : LOOPBACK_PLURALS) {
      assertThat(Inflector.pluralize(pair.getKey())).as(pair.getKey()).isEqualTo(pair.getValue());
    }
  }

  @Test
  void irregularWordsOfTheIssueMatchLoopBack() {
    assertThat(Inflector.pluralize("Quiz")).isEqualTo("Quizzes");
    assertThat(Inflector.pluralize("Leaf")).isEqualTo("Leafs");
    assertThat(Inflector.pluralize("Analysis")).isEqualTo("Analyses");
    assertThat(Inflector.pluralize("Information")).isEqualTo("Information");
  }

  @Test
  void lb4ResourceNamesAreLowerCamelAndLb3KeepTheModelsCase() {
    ModelDefinition todoList =
        ModelDefinition.fromJson("{\"name\": \"TodoList\", \"properties\": {}}");
    assertThat(RestConnector.resourceName(todoList, RestConfig.Dialect.LB4)).isEqualTo("todoLists");
    assertThat(RestConnector.resourceName(todoList, RestConfig.Dialect.LB3)).isEqualTo("TodoLists");
  }

  @Test
  void pluralHttpPathAndResourceNameWinInThatOrder() {
    ModelDefinition plural =
        ModelDefinition.fromJson(
            "{\"name\": \"Quiz\", \"plural\": \"quizes\", \"properties\": {}}");
    assertThat(RestConnector.resourceName(plural, RestConfig.Dialect.LB3)).isEqualTo("quizes");
    ModelDefinition http =
        ModelDefinition.fromJson(
            "{\"name\": \"Quiz\", \"plural\": \"quizes\", \"http\": {\"path\": \"tests\"},"
                + " \"properties\": {}}");
    assertThat(RestConnector.resourceName(http, RestConfig.Dialect.LB4)).isEqualTo("tests");
    ModelDefinition rest =
        ModelDefinition.fromJson(
            "{\"name\": \"Quiz\", \"http\": {\"path\": \"tests\"},"
                + " \"rest\": {\"resourceName\": \"v2/quiz\"}, \"properties\": {}}");
    assertThat(RestConnector.resourceName(rest, RestConfig.Dialect.LB4)).isEqualTo("v2/quiz");
  }
}
