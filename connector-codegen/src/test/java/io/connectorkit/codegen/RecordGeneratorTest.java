package io.connectorkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.Repository;
import io.connectorkit.core.model.DiscoveredRelations;
import io.connectorkit.core.model.ModelDefinition;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordGeneratorTest {
  @TempDir Path dir;

  /** A model set as SQL discovery gives it (columns, enum values, a foreign key, a view). */
  static List<ModelDefinition> discoveredShop() {
    Map<String, Object> customer =
        Map.of(
            "name", "Customer",
            "mysql", Map.of("schema", "shop", "table", "customer"),
            "properties",
                Map.of(
                    "id",
                    Map.of(
                        "type",
                        "number",
                        "id",
                        true,
                        "generated",
                        true,
                        "mysql",
                        Map.of("columnName", "id", "dataType", "int")),
                    "status",
                    Map.of(
                        "type",
                        "string",
                        "enum",
                        List.of("active", "blocked"),
                        "mysql",
                        Map.of("columnName", "status", "dataType", "enum")),
                    "credit",
                    Map.of(
                        "type",
                        "number",
                        "mysql",
                        Map.of(
                            "columnName",
                            "credit",
                            "dataType",
                            "decimal",
                            "dataPrecision",
                            10,
                            "dataScale",
                            2)),
                    "born",
                    Map.of(
                        "type", "date", "mysql", Map.of("columnName", "born", "dataType", "date")),
                    "opensAt",
                    Map.of(
                        "type",
                        "string",
                        "mysql",
                        Map.of("columnName", "opens_at", "dataType", "time")),
                    "externalId",
                    Map.of(
                        "type",
                        "string",
                        "mysql",
                        Map.of("columnName", "external_id", "dataType", "uuid")),
                    "nicknames",
                    Map.of("type", List.of("string")),
                    "prefs",
                    Map.of("type", "object"),
                    "mood",
                    Map.of("type", "string", "enum", List.of("it's", "ok"))));
    Map<String, Object> order =
        Map.of(
            "name", "PurchaseOrder",
            "properties",
                Map.of(
                    "id",
                    Map.of("type", "number", "id", true, "generated", true),
                    "customerId",
                    Map.of(
                        "type",
                        "number",
                        "required",
                        true,
                        "mysql",
                        Map.of("columnName", "customer_id", "dataType", "int")),
                    "total",
                    Map.of("type", "number")),
            "foreignKeys",
                Map.of(
                    "fk_order_customer",
                    Map.of(
                        "name",
                        "fk_order_customer",
                        "entity",
                        "Customer",
                        "entityKey",
                        "id",
                        "foreignKey",
                        "customerId")));
    Map<String, Object> totals =
        Map.of(
            "name",
            "CustomerTotals",
            "idInjection",
            false,
            "mysql",
            Map.of("table", "customer_totals", "view", true),
            "properties",
            Map.of("customerId", "number", "spent", "number"));
    return DiscoveredRelations.derive(List.of(customer, order, totals)).stream()
        .map(ModelDefinition::fromMap)
        .toList();
  }

  @Test
  void generatedRecordsCompileWithoutWarningsAndWorkWithTheTypedRepositories() throws Exception {
    List<ModelDefinition> models = discoveredShop();
    List<Path> files = RecordGenerator.write(models, "com.example.shop", dir);
    ClassLoader loader = RecordCompiler.compile(files);

    Class<?> customer = loader.loadClass("com.example.shop.Customer");
    assertThat(componentTypes(customer))
        .containsEntry("id", "java.lang.Long")
        .containsEntry("status", "com.example.shop.Customer$Status")
        .containsEntry("credit", BigDecimal.class.getName())
        .containsEntry("born", LocalDate.class.getName())
        .containsEntry("opensAt", LocalTime.class.getName())
        .containsEntry("externalId", UUID.class.getName())
        .containsEntry("nicknames", "java.util.List<java.lang.String>")
        .containsEntry("prefs", "java.util.Map<java.lang.String, java.lang.Object>")
        .containsEntry("mood", "java.lang.String") // "it's" cannot be a constant
        .containsEntry("purchaseOrders", "java.util.List<com.example.shop.PurchaseOrder>");
    Class<?> order = loader.loadClass("com.example.shop.PurchaseOrder");
    assertThat(componentTypes(order)).containsEntry("customer", "com.example.shop.Customer");
    assertThat(loader.loadClass("com.example.shop.CustomerTotals").isRecord()).isTrue();
    String source = java.nio.file.Files.readString(files.get(0));
    assertThat(source)
        .contains("import java.math.BigDecimal;", "@HasMany(model = \"PurchaseOrder\"")
        .doesNotContain("import java.time.Instant;", "BelongsTo");
    assertThat(java.nio.file.Files.readString(files.get(1)))
        .contains("@BelongsTo(model = \"Customer\", foreignKey = \"customerId\")");

    try (DataSource db = DataSources.create("gen", Map.of("connector", "memory"))) {
      models.forEach(db::define);
      Repository<Object> customers = typed(db, customer, "Customer");
      Repository<Object> orders = typed(db, order, "PurchaseOrder");
      Map<String, Object> values = new java.util.HashMap<>();
      values.put("status", enumConstant(customer, "Status", "active"));
      values.put("credit", new BigDecimal("12.50"));
      values.put("born", LocalDate.of(1815, 12, 10));
      values.put("opensAt", LocalTime.of(9, 30));
      values.put("externalId", UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"));
      values.put("nicknames", List.of("A"));
      values.put("prefs", Map.of("theme", "dark"));
      values.put("mood", "ok");
      Object ada = customers.create(newRecord(customer, values));
      Object adaId = customer.getMethod("id").invoke(ada);
      orders.create(newRecord(order, Map.of("customerId", adaId, "total", 3.5)));
      Object found = customers.query().include("purchaseOrders").list().get(0);
      assertThat(found.toString())
          .contains("status=active", "credit=12.5", "born=1815-12-10", "opensAt=09:30")
          .contains("externalId=0f8fad5b-d9cb-469f-a165-70867728950e", "total=3.5");
      Object withCustomer = orders.query().include("customer").list().get(0);
      assertThat(withCustomer.toString())
          .contains("customer=Customer[", "born=1815-12-10", "customerId=" + adaId);
    }
  }

  @Test
  void hostileNamesStillGiveRecordsThatCompile() throws Exception {
    ModelDefinition model =
        ModelDefinition.fromMap(
            Map.of(
                "name",
                "order_items */ @deprecated \\u000a",
                "properties",
                Map.of(
                    "wait", "string",
                    "*/ class X {", "number",
                    "\\u000a", "boolean",
                    "a-b", "date",
                    "a_b", "date",
                    "9lives", "object",
                    "yield", "any",
                    "tab\there", "string")));
    ModelDefinition list =
        ModelDefinition.fromJson(
            "{\"name\": \"List\", \"properties\": {\"items\": [\"number\"], \"id\": {\"type\":"
                + " \"string\", \"id\": true}}}");

    List<Path> files = RecordGenerator.write(List.of(model, list), "", dir);
    ClassLoader loader = RecordCompiler.compile(files);

    Class<?> record = loader.loadClass("OrderItemsDeprecatedU000a");
    assertThat(Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName))
        .containsExactlyInAnyOrder(
            "wait_", "___class_X__", "_u000a", "a_b", "a_b2", "_9lives", "yield_", "tab_here");
    assertThat(loader.loadClass("ListModel").isRecord()).isTrue();
  }

  @Test
  void packageNamesAreChecked() {
    assertThat(RecordGenerator.isPackageName("com.example.models")).isTrue();
    assertThat(RecordGenerator.isPackageName("")).isTrue();
    assertThat(RecordGenerator.isPackageName("com..example")).isFalse();
    assertThat(RecordGenerator.isPackageName("com.class")).isFalse();
    assertThatThrownBy(() -> RecordGenerator.generate(List.of(), "com/example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("com/example");
  }

  @SuppressWarnings("unchecked")
  static Repository<Object> typed(DataSource db, Class<?> type, String model) {
    return db.repository((Class<Object>) type, model);
  }

  /** A record from component values by name; components not named are null. */
  static Object newRecord(Class<?> type, Map<String, Object> values) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
    Object[] arguments = Arrays.stream(components).map(c -> values.get(c.getName())).toArray();
    return type.getDeclaredConstructor(types).newInstance(arguments);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object enumConstant(Class<?> record, String name, String constant) throws Exception {
    Class enumType = Class.forName(record.getName() + "$" + name, true, record.getClassLoader());
    return Enum.valueOf(enumType, constant);
  }

  static Map<String, String> componentTypes(Class<?> record) {
    return Arrays.stream(record.getRecordComponents())
        .collect(
            Collectors.toMap(
                RecordComponent::getName,
                c -> c.getGenericType().getTypeName(),
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }
}
