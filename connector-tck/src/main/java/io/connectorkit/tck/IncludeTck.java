package io.connectorkit.tck;

import static io.connectorkit.tck.CrudFixtures.idOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Include;
import io.connectorkit.core.filter.Where;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * C4.5 include. Relations are resolved by the DAO through ordinary queries ({@code inq} on the
 * keys), so every connector must give the same answers; ids are whatever the connector generates.
 */
public abstract class IncludeTck extends TckSection {
  private Dao customers;
  private Dao orders;
  private Dao tags;
  private Dao orderTags;
  private Object ada;
  private Object alan;
  private Object nobody;

  protected IncludeTck(ConnectorTck tck) {
    super(tck);
  }

  @BeforeEach
  final void defineShop() {
    customers =
        define(
            """
            {"name": "TckCustomer",
             "properties": {"name": "string"},
             "relations": {
               "orders": {"type": "hasMany", "model": "TckOrder", "foreignKey": "customerId"},
               "latest": {"type": "hasOne", "model": "TckOrder", "foreignKey": "customerId"}}}
            """);
    tags = define("{\"name\": \"TckTag\", \"properties\": {\"label\": \"string\"}}");
    orders =
        define(
            """
            {"name": "TckOrder",
             "properties": {"total": "number"},
             "relations": {
               "customer": {"type": "belongsTo", "model": "TckCustomer"},
               "tags": {"type": "hasMany", "model": "TckTag", "through": "TckOrderTag",
                        "foreignKey": "orderId", "keyThrough": "tagId"}}}
            """);
    orderTags =
        define(
            """
            {"name": "TckOrderTag",
             "relations": {
               "order": {"type": "belongsTo", "model": "TckOrder"},
               "tag": {"type": "belongsTo", "model": "TckTag"}}}
            """);
    ada = idOf(customers.create(Map.of("name", "ada")));
    alan = idOf(customers.create(Map.of("name", "alan")));
    nobody = idOf(customers.create(Map.of("name", "nobody")));
    Object first = idOf(orders.create(Map.of("total", 10, "customerId", ada)));
    orders.create(Map.of("total", 20, "customerId", ada));
    orders.create(Map.of("total", 30, "customerId", alan));
    Object red = idOf(tags.create(Map.of("label", "red")));
    Object blue = idOf(tags.create(Map.of("label", "blue")));
    orderTags.create(Map.of("orderId", first, "tagId", red));
    orderTags.create(Map.of("orderId", first, "tagId", blue));
  }

  /** An included to-many relation: an array, possibly empty, never absent (C4.5). */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(@Nullable Object value) {
    if (!(value instanceof List<?>)) {
      throw new AssertionError("C4.5: an included hasMany relation is an array, got " + value);
    }
    return (List<Map<String, Object>>) value;
  }

  /** An included to-one relation that has a related record: an object (C4.5). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(@Nullable Object value) {
    if (!(value instanceof Map<?, ?>)) {
      throw new AssertionError(
          "C4.5: an included belongsTo or hasOne relation with a related record is an object, got "
              + value);
    }
    return (Map<String, Object>) value;
  }

  private Map<String, Object> byName(List<Map<String, Object>> rows, String name) {
    return rows.stream().filter(row -> name.equals(row.get("name"))).findFirst().orElseThrow();
  }

  @Test
  @ContractSection("C4.5")
  void hasManyIsAnArrayPerParentEmptyWhenNoneRelate() {
    List<Map<String, Object>> rows =
        customers.find(Filter.builder().include("orders").order("name").build());

    assertThat(list(byName(rows, "ada").get("orders")))
        .as("C4.5: hasMany includes every related record")
        .extracting(order -> order.get("total"))
        .containsExactlyInAnyOrder(10L, 20L);
    assertThat(list(byName(rows, "alan").get("orders"))).hasSize(1);
    assertThat(list(byName(rows, "nobody").get("orders")))
        .as("C4.5: hasMany without related records is an empty array")
        .isEmpty();
  }

  @Test
  @ContractSection("C4.5")
  void belongsToIsTheRelatedObjectOrNull() {
    Map<String, Object> stray = new java.util.HashMap<>();
    stray.put("total", 99);
    stray.put("customerId", null);
    orders.create(stray);

    List<Map<String, Object>> rows = orders.find(Filter.builder().include("customer").build());

    for (Map<String, Object> row : rows) {
      if (row.get("customerId") == null) {
        assertThat(row.get("customer")).as("C4.5: belongsTo without a key is null").isNull();
      } else {
        assertThat(object(row.get("customer")))
            .as("C4.5: belongsTo is the related object")
            .containsEntry("id", row.get("customerId"));
      }
    }
  }

  @Test
  @ContractSection("C4.5")
  void belongsToAddsItsForeignKeyProperty() {
    assertThat(db.model("TckOrder").property("customerId"))
        .as("C4.5: a belongsTo adds <relation>Id when the model does not declare it")
        .isPresent();
    assertThat(orders.find(Filter.where(Where.eq("customerId", ada)))).hasSize(2);
  }

  @Test
  @ContractSection("C4.5")
  void hasOneIsOneObjectOrNull() {
    List<Map<String, Object>> rows = customers.find(Filter.builder().include("latest").build());

    assertThat(object(byName(rows, "alan").get("latest"))).containsEntry("total", 30L);
    assertThat(byName(rows, "nobody").get("latest"))
        .as("C4.5: hasOne without a related record is null")
        .isNull();
  }

  @Test
  @ContractSection("C4.5")
  void hasManyThroughIncludesTargetsOfTheJoinModel() {
    List<Map<String, Object>> rows =
        orders.find(Filter.builder().include("tags").order("total").build());

    assertThat(list(rows.get(0).get("tags")))
        .as("C4.5: hasManyThrough reaches the targets through the join records")
        .extracting(tag -> tag.get("label"))
        .containsExactlyInAnyOrder("red", "blue");
    assertThat(list(rows.get(1).get("tags"))).isEmpty();
  }

  @Test
  @ContractSection("C4.5")
  void scopeWhereOrderAndFieldsApplyToTheRelatedRecords() {
    Filter scope =
        FilterParser.parse(
            "{\"where\": {\"total\": {\"gte\": 10}}, \"order\": \"total DESC\", \"fields\": [\"total\"]}");

    List<Map<String, Object>> rows =
        customers.find(Filter.builder().include(new Include("orders", scope)).build());

    List<Map<String, Object>> adaOrders = list(byName(rows, "ada").get("orders"));
    assertThat(adaOrders)
        .as("C4.5: the scope's where, order and fields apply to the related records")
        .extracting(order -> order.get("total"))
        .containsExactly(20L, 10L);
    assertThat(adaOrders.get(0))
        .as("C4.5: a key the scope's fields leave out is fetched for the join and then removed")
        .containsOnlyKeys("total");
  }

  @Test
  @ContractSection("C4.5")
  void scopeLimitAppliesPerParent() {
    orders.create(Map.of("total", 40, "customerId", alan));

    List<Map<String, Object>> rows =
        customers.find(
            FilterParser.parse(
                "{\"include\": {\"relation\": \"orders\", \"scope\": {\"limit\": 1, \"order\": \"total DESC\"}}}"));

    assertThat(list(byName(rows, "ada").get("orders")))
        .as("C4.5: a scope's limit applies to each parent")
        .extracting(order -> order.get("total"))
        .containsExactly(20L);
    assertThat(list(byName(rows, "alan").get("orders")))
        .extracting(order -> order.get("total"))
        .containsExactly(40L);
  }

  @Test
  @ContractSection("C4.5")
  void nestedIncludeResolvesRelationsOfRelatedRecords() {
    List<Map<String, Object>> rows =
        customers.find(FilterParser.parse("{\"include\": {\"orders\": \"tags\"}}"));

    List<Map<String, Object>> adaOrders = list(byName(rows, "ada").get("orders"));
    assertThat(adaOrders)
        .as("C4.5: {\"orders\": \"tags\"} includes each order's tags")
        .allSatisfy(order -> assertThat(order).containsKey("tags"));
    assertThat(adaOrders.stream().mapToInt(order -> list(order.get("tags")).size()).sum())
        .isEqualTo(2);
  }

  @Test
  @ContractSection("C4.5")
  void parentFieldsWithoutTheKeyStillResolveTheRelation() {
    List<Map<String, Object>> rows =
        orders.find(FilterParser.parse("{\"fields\": [\"total\"], \"include\": \"customer\"}"));

    assertThat(rows)
        .as("C4.5: the DAO fetches a key the fields leave out, then removes it")
        .allSatisfy(
            row -> {
              assertThat(row).containsOnlyKeys("total", "customer");
              assertThat(row.get("customer")).isNotNull();
            });
  }

  @Test
  @ContractSection("C4.5")
  void includeFormsAreEquivalent() {
    List<Map<String, Object>> plain =
        customers.find(FilterParser.parse("{\"include\": \"orders\"}"));
    List<Map<String, Object>> array =
        customers.find(FilterParser.parse("{\"include\": [\"orders\", \"latest\"]}"));
    List<Map<String, Object>> object =
        customers.find(FilterParser.parse("{\"include\": {\"relation\": \"orders\"}}"));

    assertThat(array)
        .as("C4.5: an array includes every relation named")
        .allSatisfy(row -> assertThat(row).containsKeys("orders", "latest"));
    assertThat(object).as("C4.5: the relation/scope form equals the string form").isEqualTo(plain);
  }

  @Test
  @ContractSection("C4.5")
  void findByIdHonoursInclude() {
    Map<String, Object> found =
        customers
            .findById(
                ada,
                Filter.builder().include("orders").build(),
                io.connectorkit.core.common.Options.NONE)
            .orElseThrow();

    assertThat(list(found.get("orders"))).as("C3: findById honours include").hasSize(2);
  }

  @Test
  @ContractSection("C4.5")
  void unknownRelationIsInvalidFilter() {
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.5: an unknown relation is INVALID_FILTER",
        () -> customers.find(FilterParser.parse("{\"include\": \"invoices\"}")));
  }

  @Test
  @ContractSection("C4.5")
  void relatedRecordsOfDeletedParentsAreNotIncludedElsewhere() {
    customers.deleteById(nobody);

    List<Map<String, Object>> rows = customers.find(Filter.builder().include("orders").build());

    assertThat(rows).hasSize(2);
    assertThat(rows.stream().mapToInt(row -> list(row.get("orders")).size()).sum())
        .as("C4.5: each related record appears under its own parent only")
        .isEqualTo(3);
  }

  @Test
  @ContractSection("C4.5")
  void hasManyThroughScopeOrdersTheTargetsAndPagesPerParent() {
    Object second = idOf(orders.find(Filter.where(Where.eq("total", 20))).get(0));
    Object green = idOf(tags.create(Map.of("label", "green")));
    Object red = idOf(tags.find(Filter.where(Where.eq("label", "red"))).get(0));
    orderTags.create(Map.of("orderId", second, "tagId", green));
    orderTags.create(Map.of("orderId", second, "tagId", red));

    List<Map<String, Object>> ordered =
        orders.find(
            FilterParser.parse(
                "{\"order\": \"total\", \"where\": {\"total\": {\"lte\": 20}},"
                    + " \"include\": {\"relation\": \"tags\", \"scope\": {\"order\": \"label DESC\"}}}"));
    assertThat(ordered)
        .as("C4.5: a hasManyThrough include lists each parent's targets in the scope's order")
        .extracting(row -> list(row.get("tags")).stream().map(tag -> tag.get("label")).toList())
        .containsExactly(List.of("red", "blue"), List.of("red", "green"));

    List<Map<String, Object>> paged =
        orders.find(
            FilterParser.parse(
                "{\"order\": \"total\", \"where\": {\"total\": {\"lte\": 20}},"
                    + " \"include\": {\"relation\": \"tags\","
                    + " \"scope\": {\"order\": \"label ASC\", \"limit\": 1, \"skip\": 1}}}"));
    assertThat(paged)
        .as("C4.5: a hasManyThrough scope's limit and skip apply to each parent")
        .extracting(row -> list(row.get("tags")).stream().map(tag -> tag.get("label")).toList())
        .containsExactly(List.of("red"), List.of("red"));
  }

  @Test
  @ContractSection("C4.5")
  void belongsToDefinedBeforeItsTargetTakesTheTargetsIdType() {
    db.define(
        """
        {"name": "TckNote", "properties": {"text": "string"},
         "relations": {"book": {"type": "belongsTo", "model": "TckBook"}}}
        """);
    Dao books =
        define(
            """
            {"name": "TckBook", "forceId": false,
             "properties": {"code": {"type": "string", "id": true}, "title": "string"}}
            """);
    Dao notes = reset("TckNote");

    assertThat(db.model("TckNote").property("bookId").orElseThrow().type())
        .as("C4.5: the added foreign key is typed like the target's id once the target is defined")
        .isEqualTo(io.connectorkit.core.model.PropertyType.STRING);
    books.create(Map.of("code", "b-1", "title", "Dune"));
    notes.create(Map.of("text", "n", "bookId", "b-1"));
    List<Map<String, Object>> rows = notes.find(Filter.builder().include("book").build());
    assertThat(rows)
        .as("C4.5: a belongsTo to a later-defined target resolves by the target's own id")
        .singleElement()
        .satisfies(row -> assertThat(object(row.get("book"))).containsEntry("title", "Dune"));
  }

  @Test
  @ContractSection("C4.5")
  void numericForeignKeysAreStoredAsNumbersWhateverTheClientSent() {
    Dao shelves =
        define(
            """
            {"name": "TckShelf", "forceId": false,
             "properties": {"num": {"type": "number", "id": true}, "label": "string"},
             "relations": {"items": {"type": "hasMany", "model": "TckShelfItem",
                                     "foreignKey": "shelfId"}}}
            """);
    Dao items =
        define(
            """
            {"name": "TckShelfItem", "properties": {"name": "string", "slot": "number"},
             "relations": {"shelf": {"type": "belongsTo", "model": "TckShelf"}}}
            """);
    shelves.create(Map.of("num", 1, "label", "top"));
    items.create(Map.of("name", "a", "shelfId", "1", "slot", "2"));

    assertThat(items.find(Filter.where(Where.eq("shelfId", 1))))
        .as("C2/C4.5: a numeric foreign key sent as \"1\" is stored as the number 1")
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("shelfId", 1L).containsEntry("slot", 2L));
    assertThat(items.count(Where.gt("shelfId", 0))).isEqualTo(1);
    assertThat(items.find(Filter.builder().include("shelf").build()))
        .singleElement()
        .satisfies(row -> assertThat(object(row.get("shelf"))).containsEntry("label", "top"));
    assertThat(shelves.find(Filter.builder().include("items").build()))
        .singleElement()
        .satisfies(row -> assertThat(list(row.get("items"))).hasSize(1));
  }
}
