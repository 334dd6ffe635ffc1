package io.connectorkit.tck;

import static io.connectorkit.tck.CrudFixtures.idOf;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.connectorkit.core.Dao;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterBinder;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.ModelValidator;
import io.connectorkit.core.model.ModelValidator.WriteMode;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.UpsertData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * C7 optional features, two-sided: a declared feature must work (a declared feature whose operation
 * fails with {@code UNSUPPORTED_OPERATION} fails here), an undeclared one must fail with {@code
 * UNSUPPORTED_OPERATION} and the standard message rather than do something else.
 */
public abstract class FeaturesTck extends TckSection {
  private static final String ITEM_NAME = "TckFeatureItem";
  private static final String ITEM =
      """
      {"name": "TckFeatureItem", "forceId": false, "properties": {
        "id": {"type": "number", "id": true, "generated": true},
        "name": "string", "qty": "number"}}
      """;

  protected FeaturesTck(ConnectorTck tck) {
    super(tck);
  }

  private Connector connector() {
    return db.unwrap(Connector.class);
  }

  private ModelDefinition itemModel() {
    return db.model(ITEM_NAME);
  }

  /** A record as the DAO hands it to a connector for a create: validated, defaults applied. */
  private Map<String, Object> forCreate(Map<String, ?> data) {
    return ModelValidator.validate(itemModel(), data, WriteMode.CREATE);
  }

  private Map<String, Object> forPatch(Map<String, ?> data) {
    return ModelValidator.validate(itemModel(), data, WriteMode.PATCH);
  }

  private Map<String, Object> forReplace(Map<String, ?> data) {
    return ModelValidator.validate(itemModel(), data, WriteMode.REPLACE);
  }

  private UpsertData upsertData(Map<String, Object> existing, Map<String, ?> created) {
    return new UpsertData(existing, () -> forCreate(created));
  }

  private static Map<String, @Nullable Object> row(@Nullable Object... keyValues) {
    Map<String, @Nullable Object> row = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      row.put((String) keyValues[i], keyValues[i + 1]);
    }
    return row;
  }

  private static Filter byId() {
    return Filter.builder().order("id ASC").build();
  }

  /** A declared feature's operation may fail for other reasons, never as unsupported. */
  private static void assertNotUnsupported(Feature feature, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    if (thrown instanceof ConnectorException e) {
      assertThat(e.code())
          .as(
              "C7: the connector declares %s, so its operation must not fail with"
                  + " UNSUPPORTED_OPERATION (%s)",
              feature, e.getMessage())
          .isNotEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
    }
  }

  // ---------------------------------------------------------------- CRUD

  private static final String RECORDLESS =
      """
      {"name": "TckFeatureRemote", "properties": {"name": "string"}}
      """;

  /**
   * The model of a check that needs no record: {@link #ITEM} on a connector with CRUD, else a model
   * without a declared generated id, which a connector without id generation can define too.
   */
  private String someModel() {
    return define(supports(Feature.CRUD) ? ITEM : RECORDLESS).model().name();
  }

  @Test
  @ContractSection(value = "C7", features = Feature.CRUD, records = false)
  void recordOperationsWorkOrAreAllUnsupported() {
    if (supports(Feature.CRUD)) {
      Dao items = define(ITEM);
      Object id = idOf(items.create(Map.of("name", "a")));
      assertThat(items.findById(id))
          .as("C3: CRUD: a created record is found by its id")
          .hasValueSatisfying(r -> assertThat(r).containsEntry("name", "a"));
      return;
    }
    Dao remote = define(RECORDLESS);
    ModelDefinition model = remote.model();
    Map<String, Object> data = Map.of("name", "a");
    Map<String, Object> withId = Map.of("id", 1, "name", "a");
    Where where = Where.eq("name", "a");
    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("create", () -> remote.create(data));
    calls.put("create([...])", () -> remote.createAll(List.of(data)));
    calls.put("find", () -> remote.find(Filter.ALL));
    calls.put("findOne", () -> remote.findOne(Filter.ALL));
    calls.put("findById", () -> remote.findById(1));
    calls.put("count", () -> remote.count(Where.all()));
    calls.put("exists", () -> remote.exists(1));
    calls.put("updateAll", () -> remote.updateAll(where, data));
    calls.put("deleteAll", () -> remote.deleteAll(where));
    calls.put("deleteById", () -> remote.deleteById(1));
    calls.put("updateById", () -> remote.updateById(1, data));
    calls.put("replaceById", () -> remote.replaceById(1, data));
    calls.put("upsert", () -> remote.upsert(withId));
    calls.put("replaceOrCreate", () -> remote.replaceOrCreate(withId));
    calls.put("upsertWithWhere", () -> remote.upsertWithWhere(where, data));
    calls.put("findOrCreate", () -> remote.findOrCreate(Filter.where(where), data));
    // The connector's own record methods, as a caller other than the DAO reaches them.
    calls.put("Connector.create", () -> connector().create(model, data, Options.NONE));
    calls.put("Connector.all", () -> connector().all(model, Filter.ALL, Options.NONE));
    calls.put("Connector.count", () -> connector().count(model, Where.all(), Options.NONE));
    calls.put("Connector.update", () -> connector().update(model, Where.all(), data, Options.NONE));
    calls.put(
        "Connector.destroyAll", () -> connector().destroyAll(model, Where.all(), Options.NONE));
    calls.put(
        "Connector.updateAttributes",
        () -> connector().updateAttributes(model, 1L, data, Options.NONE));
    calls.put(
        "Connector.replaceById", () -> connector().replaceById(model, 1L, data, Options.NONE));
    calls.forEach((operation, call) -> assertUnsupported(Feature.CRUD, operation, call));
  }

  // ---------------------------------------------------------------- BATCH_CREATE

  @Test
  @ContractSection(value = "C7", features = Feature.BATCH_CREATE)
  void batchCreateStoresEveryRowInInputOrder() {
    Dao items = define(ITEM);
    List<Map<String, Object>> batch =
        List.of(
            forCreate(row("name", "c")), forCreate(row("name", "a")), forCreate(row("name", "b")));
    if (!supports(Feature.BATCH_CREATE)) {
      assertUnsupported(
          Feature.BATCH_CREATE, () -> connector().createAll(itemModel(), batch, Options.NONE));
      assertThat(items.count(Where.all())).as("C7: a refused batch writes nothing").isZero();
      return;
    }
    List<Map<String, Object>> stored = connector().createAll(itemModel(), batch, Options.NONE);
    assertThat(stored)
        .as("C3: createAll returns the stored records in input order")
        .extracting(r -> r.get("name"))
        .containsExactly("c", "a", "b");
    assertThat(stored)
        .as("C3: every created record carries its generated id")
        .allSatisfy(r -> assertThat(r.get("id")).isNotNull());
    assertThat(new HashSet<>(stored.stream().map(r -> r.get("id")).toList()))
        .as("C1.2: generated ids are unique")
        .hasSize(3);
    assertThat(items.find(byId()))
        .as("C7: BATCH_CREATE stores every row")
        .extracting(r -> r.get("name"))
        .containsExactly("c", "a", "b");
  }

  @Test
  @ContractSection(value = "C7", features = Feature.BATCH_CREATE)
  void batchCreateWritesNothingWhenOneRowIsADuplicate() {
    Dao items = define(ITEM);
    items.create(Map.of("id", 1, "name", "existing"));
    List<Map<String, Object>> clash =
        List.of(
            forCreate(row("id", 2L, "name", "b")),
            forCreate(row("id", 1L, "name", "dup")),
            forCreate(row("id", 3L, "name", "c")));
    if (!supports(Feature.BATCH_CREATE)) {
      assertUnsupported(
          Feature.BATCH_CREATE, () -> connector().createAll(itemModel(), clash, Options.NONE));
      return;
    }
    assertError(
        ErrorCode.DUPLICATE_KEY,
        "C3/C7: a batch with an existing id fails with DUPLICATE_KEY",
        () ->
            items.createAll(
                List.of(
                    Map.of("id", 2, "name", "b"),
                    Map.of("id", 1, "name", "dup"),
                    Map.of("id", 3, "name", "c"))));
    assertThat(items.find(byId()))
        .as("C7: BATCH_CREATE writes all or none; a duplicate writes no row of the batch")
        .extracting(r -> r.get("name"))
        .containsExactly("existing");
    assertError(
        ErrorCode.DUPLICATE_KEY,
        "C3/C7: a batch with the same id twice fails with DUPLICATE_KEY",
        () ->
            connector()
                .createAll(
                    itemModel(),
                    List.of(
                        forCreate(row("id", 5L, "name", "x")),
                        forCreate(row("id", 5L, "name", "y"))),
                    Options.NONE));
    assertThat(items.count(Where.all()))
        .as("C7: BATCH_CREATE writes all or none; a batch duplicating itself writes nothing")
        .isEqualTo(1);
  }

  // ---------------------------------------------------------------- ATOMIC_UPSERT

  @Test
  @ContractSection(value = "C7", features = Feature.ATOMIC_UPSERT)
  void atomicUpsertOperationsCreateThenUpdateThroughTheConnector() {
    Dao items = define(ITEM);
    ModelDefinition model = itemModel();
    if (!supports(Feature.ATOMIC_UPSERT)) {
      UpsertData data =
          upsertData(forPatch(row("id", 7L, "name", "a")), row("id", 7L, "name", "a"));
      assertUnsupported(
          Feature.ATOMIC_UPSERT, () -> connector().updateOrCreate(model, 7L, data, Options.NONE));
      assertUnsupported(
          Feature.ATOMIC_UPSERT, () -> connector().replaceOrCreate(model, 7L, data, Options.NONE));
      assertUnsupported(
          Feature.ATOMIC_UPSERT,
          () ->
              connector()
                  .upsertWithWhere(
                      model, FilterBinder.bind(Where.eq("name", "a"), model), data, Options.NONE));
      assertThat(items.count(Where.all())).as("C7: a refused upsert writes nothing").isZero();
      return;
    }
    UpsertResult created =
        connector()
            .updateOrCreate(
                model,
                7L,
                upsertData(forPatch(row("id", 7L, "name", "a")), row("id", 7L, "name", "a")),
                Options.NONE);
    assertThat(created.created()).as("C3: updateOrCreate of a new id creates").isTrue();
    assertThat(created.instance()).containsEntry("id", 7L).containsEntry("name", "a");

    UpsertResult patched =
        connector()
            .updateOrCreate(
                model,
                7L,
                upsertData(forPatch(row("id", 7L, "qty", 3)), row("id", 7L, "qty", 3)),
                Options.NONE);
    assertThat(patched.created()).as("C3: updateOrCreate of an existing id patches").isFalse();
    assertThat(patched.instance())
        .as("C3: updateOrCreate patches: unmentioned properties keep their values")
        .containsEntry("name", "a")
        .containsEntry("qty", 3L);

    UpsertResult replaced =
        connector()
            .replaceOrCreate(
                model,
                7L,
                upsertData(forReplace(row("id", 7L, "name", "b")), row("id", 7L, "name", "b")),
                Options.NONE);
    assertThat(replaced.created()).as("C3: replaceOrCreate of an existing id replaces").isFalse();
    assertThat(replaced.instance())
        .as("C3: replaceOrCreate replaces: unmentioned properties become null")
        .containsEntry("name", "b")
        .satisfies(r -> assertThat(r.get("qty")).isNull());

    UpsertResult whereMatched =
        connector()
            .upsertWithWhere(
                model,
                FilterBinder.bind(Where.eq("name", "b"), model),
                upsertData(forPatch(row("qty", 4)), row("qty", 4)),
                Options.NONE);
    assertThat(whereMatched.created()).as("C3: upsertWithWhere with one match patches").isFalse();
    assertThat(whereMatched.instance()).containsEntry("id", 7L).containsEntry("qty", 4L);

    UpsertResult whereCreated =
        connector()
            .upsertWithWhere(
                model,
                FilterBinder.bind(Where.eq("name", "none"), model),
                upsertData(forPatch(row("name", "c")), row("name", "c")),
                Options.NONE);
    assertThat(whereCreated.created()).as("C3: upsertWithWhere without a match creates").isTrue();
    assertThat(items.find(byId()))
        .as("C7: ATOMIC_UPSERT operations leave the store as the calls said")
        .extracting(r -> r.get("name") + "=" + r.get("qty"))
        .containsExactly("b=4", "c=null");
  }

  // ---------------------------------------------------------------- ATOMIC_FIND_OR_CREATE

  @Test
  @ContractSection(value = "C7", features = Feature.ATOMIC_FIND_OR_CREATE)
  void atomicFindOrCreateCreatesOnceThenFindsThroughTheConnector() {
    Dao items = define(ITEM);
    ModelDefinition model = itemModel();
    Filter filter = FilterBinder.bind(Filter.where(Where.eq("name", "a")), model).withPage(1, 0);
    AtomicInteger built = new AtomicInteger();
    if (!supports(Feature.ATOMIC_FIND_OR_CREATE)) {
      assertUnsupported(
          Feature.ATOMIC_FIND_OR_CREATE,
          () ->
              connector()
                  .findOrCreate(model, filter, () -> forCreate(row("name", "a")), Options.NONE));
      assertThat(items.count(Where.all())).as("C7: a refused findOrCreate writes nothing").isZero();
      return;
    }
    UpsertResult first =
        connector()
            .findOrCreate(
                model,
                filter,
                () -> {
                  built.incrementAndGet();
                  return forCreate(row("name", "a", "qty", 1));
                },
                Options.NONE);
    assertThat(first.created()).as("C3: findOrCreate without a match creates").isTrue();
    UpsertResult second =
        connector()
            .findOrCreate(
                model,
                filter,
                () -> {
                  built.incrementAndGet();
                  return forCreate(row("name", "a", "qty", 2));
                },
                Options.NONE);
    assertThat(second.created()).as("C3: findOrCreate with a match finds it").isFalse();
    assertThat(second.instance().get("id"))
        .as("C3: findOrCreate finds the record created before")
        .isEqualTo(first.instance().get("id"));
    assertThat(second.instance()).containsEntry("qty", 1L);
    assertThat(items.count(Where.all()))
        .as("C3: findOrCreate with a match creates nothing")
        .isEqualTo(1);
  }

  // ---------------------------------------------------------------- TRANSACTIONS

  @Test
  @ContractSection(value = "C7", features = Feature.TRANSACTIONS, records = false)
  void transactionsCommitAndRollBack() {
    if (!supports(Feature.TRANSACTIONS)) {
      assertUnsupported(Feature.TRANSACTIONS, () -> db.beginTransaction());
      return;
    }
    assumeFeature(Feature.CRUD, "commit and rollback are checked on records");
    Dao items = define(ITEM);
    try (Transaction kept = db.beginTransaction()) {
      items.create(Map.of("name", "kept"), Options.of(kept));
      kept.commit();
    }
    try (Transaction discarded = db.beginTransaction()) {
      items.create(Map.of("name", "discarded"), Options.of(discarded));
      discarded.rollback();
    }
    assertThat(items.find(Filter.ALL))
        .as("C7/C8: TRANSACTIONS: commit keeps the work, rollback discards it")
        .extracting(r -> r.get("name"))
        .containsExactly("kept");
  }

  // ---------------------------------------------------------------- MIGRATION

  @Test
  @Tag("migration")
  @ContractSection(value = "C7", features = Feature.MIGRATION, records = false)
  void automigrateEmptiesTheModelsStore() {
    if (!supports(Feature.MIGRATION) && !supports(Feature.CRUD)) {
      String model = someModel();
      assertUnsupported(Feature.MIGRATION, () -> db.automigrate(model));
      return;
    }
    assumeFeature(Feature.CRUD, "automigrate is checked to empty the model's records");
    Dao items = define(ITEM);
    items.create(Map.of("name", "a"));
    items.create(Map.of("name", "b"));
    if (!supports(Feature.MIGRATION)) {
      assertUnsupported(Feature.MIGRATION, () -> db.automigrate(ITEM_NAME));
      assertThat(items.count(Where.all()))
          .as("C7: a refused automigrate keeps the data")
          .isEqualTo(2);
      return;
    }
    db.automigrate(ITEM_NAME);
    assertThat(items.count(Where.all()))
        .as("C7: automigrate drops and recreates the model's storage: no row is left")
        .isZero();
    items.create(Map.of("name", "after"));
    assertThat(items.find(Filter.ALL))
        .as("C7: the model is usable after automigrate")
        .extracting(r -> r.get("name"))
        .containsExactly("after");
  }

  @Test
  @Tag("migration")
  @ContractSection(value = "C7", features = Feature.MIGRATION, records = false)
  void autoupdateKeepsTheData() {
    if (!supports(Feature.MIGRATION)) {
      String model = someModel();
      assertUnsupported(Feature.MIGRATION, () -> db.autoupdate(model));
      return;
    }
    assumeFeature(Feature.CRUD, "autoupdate is checked to keep records");
    Dao items = define(ITEM);
    items.create(Map.of("name", "a", "qty", 1));
    db.autoupdate(ITEM_NAME);
    assertThat(items.find(Filter.ALL))
        .as("C7: autoupdate is non-destructive: the rows stay")
        .extracting(r -> r.get("name") + "=" + r.get("qty"))
        .containsExactly("a=1");
    // A new property: autoupdate adds its storage and keeps the rows.
    db.define(
        """
        {"name": "TckFeatureItem", "forceId": false, "properties": {
          "id": {"type": "number", "id": true, "generated": true},
          "name": "string", "qty": "number", "note": "string"}}
        """);
    db.autoupdate(ITEM_NAME);
    Dao widened = db.dao(ITEM_NAME);
    assertThat(widened.find(Filter.ALL))
        .as("C7: autoupdate after adding a property keeps the rows; the new property is null")
        .extracting(r -> r.get("name") + "=" + r.get("note"))
        .containsExactly("a=null");
    widened.create(Map.of("name", "b", "note", "n"));
    assertThat(widened.count(Where.eq("note", "n")))
        .as("C7: the added property is stored")
        .isEqualTo(1);
  }

  @Test
  @Tag("migration")
  @ContractSection(value = "C7", features = Feature.MIGRATION, records = false)
  void isActualIsTrueAfterAutomigrate() {
    String model = someModel();
    if (!supports(Feature.MIGRATION)) {
      assertUnsupported(Feature.MIGRATION, () -> db.isActual(model));
      return;
    }
    db.automigrate(model);
    assertThat(db.isActual(model))
        .as("C7: right after automigrate the storage matches the model")
        .isTrue();
  }

  // ---------------------------------------------------------------- DISCOVERY

  @Test
  @Tag("discovery")
  @ContractSection(value = "C7", features = Feature.DISCOVERY, records = false)
  void discoveryListsTablesAndDescribesThem() {
    if (!supports(Feature.DISCOVERY)) {
      String model = someModel();
      assertUnsupported(Feature.DISCOVERY, () -> db.discoverModelDefinitions(Map.of()));
      assertUnsupported(
          Feature.DISCOVERY, () -> connector().discoverModelProperties(model, Map.of()));
      assertUnsupported(Feature.DISCOVERY, () -> connector().discoverPrimaryKeys(model, Map.of()));
      assertUnsupported(Feature.DISCOVERY, () -> connector().discoverForeignKeys(model, Map.of()));
      assertUnsupported(Feature.DISCOVERY, () -> db.discoverSchemas(model, Map.of()));
      return;
    }
    assumeFeature(Feature.CRUD, "discovery is checked on a table that holds a record");
    define(ITEM).create(Map.of("name", "a"));
    List<Map<String, Object>> tables = db.discoverModelDefinitions(Map.of());
    assertThat(tables)
        .as("C7: discoverModelDefinitions lists the backend's tables; a model with a row has one")
        .isNotEmpty()
        .allSatisfy(
            table ->
                assertThat(table.get("name"))
                    .as("C7: each discovered table has a name")
                    .isInstanceOf(String.class));
    // Asserted just above: every discovered table has a String name.
    String table = requireNonNull((String) tables.get(0).get("name"), "table name is null");
    assertThat(connector().discoverModelProperties(table, Map.of()))
        .as("C7: discoverModelProperties answers a list for a discovered table")
        .isNotNull()
        .isNotEmpty();
    assertThat(connector().discoverPrimaryKeys(table, Map.of()))
        .as("C7: discoverPrimaryKeys answers a list for a discovered table")
        .isNotNull();
    assertThat(connector().discoverForeignKeys(table, Map.of()))
        .as("C7: discoverForeignKeys answers a list for a discovered table")
        .isNotNull();
  }

  @Test
  @Tag("discovery")
  @ContractSection(value = "C7", features = Feature.DISCOVERY, records = false)
  void discoverSchemasReturnsModelJson() {
    if (!supports(Feature.DISCOVERY)) {
      String model = someModel();
      assertUnsupported(Feature.DISCOVERY, () -> db.discoverSchemas(model, Map.of()));
      return;
    }
    assumeFeature(Feature.CRUD, "discovery is checked on a table that holds a record");
    define(ITEM).create(Map.of("name", "a"));
    List<String> names = new ArrayList<>();
    db.discoverModelDefinitions(Map.of()).forEach(t -> names.add(String.valueOf(t.get("name"))));
    assertThat(names).as("C7: discoverModelDefinitions lists the backend's tables").isNotEmpty();
    for (String table : names) {
      Map<String, Object> schema = db.discoverSchemas(table, Map.of());
      assertThat(schema).as("C7: discoverSchemas(%s) returns model JSON", table).isNotNull();
      Throwable unreadable = catchThrowable(() -> ModelDefinition.fromMap(schema));
      assertThat(unreadable)
          .as(
              "C7/C1.2: discoverSchemas(%s) returns model JSON that ModelDefinition reads: %s",
              table, schema)
          .isNull();
      assertThat(ModelDefinition.fromMap(schema).properties())
          .as("C7: the discovered model of %s has properties", table)
          .isNotEmpty();
    }
  }

  // ---------------------------------------------------------------- FREE_FORM_PROPERTIES

  @Test
  @ContractSection(value = "C7", features = Feature.FREE_FORM_PROPERTIES)
  void strictFalseModelsStoreUndeclaredProperties() {
    String json =
        """
        {"name": "TckFreeForm", "strict": false, "properties": {"name": "string"}}
        """;
    if (!supports(Feature.FREE_FORM_PROPERTIES)) {
      assertUnsupported(Feature.FREE_FORM_PROPERTIES, () -> db.define(json));
      return;
    }
    Dao free = define(json);
    Map<String, Object> created =
        free.create(Map.of("name", "a", "extra", "x", "count", 3, "nested", Map.of("k", true)));
    assertThat(free.findById(idOf(created)))
        .as("C1.2/C7: a strict: false model stores undeclared properties and reads them back")
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .containsEntry("name", "a")
                    .containsEntry("extra", "x")
                    .containsEntry("count", 3L)
                    .containsEntry("nested", Map.of("k", true)));
    assertThat(free.count(Where.eq("extra", "x")))
        .as("C4.1: on strict: false models a where addresses the free-form property")
        .isEqualTo(1);
  }

  // ---------------------------------------------------------------- EXECUTE, OPERATIONS

  @Test
  @ContractSection(value = "C7", features = Feature.EXECUTE, records = false)
  void executeRunsANativeCommandOrIsUnsupported() {
    if (!supports(Feature.EXECUTE)) {
      assertUnsupported(Feature.EXECUTE, () -> db.execute("SELECT 1", List.of(), Options.NONE));
      return;
    }
    // The command language is the backend's own; the TCK can only check the feature is real.
    assertNotUnsupported(Feature.EXECUTE, () -> db.execute("SELECT 1", List.of(), Options.NONE));
  }

  @Test
  @ContractSection(value = "C7", features = Feature.OPERATIONS, records = false)
  void invokeRunsANamedOperationOrIsUnsupported() {
    Dao remote = db.dao(someModel());
    if (!supports(Feature.OPERATIONS)) {
      assertUnsupported(
          Feature.OPERATIONS, () -> remote.invoke("tckOperation", Map.of("a", 1), Options.NONE));
      return;
    }
    Optional<ConnectorTck.RemoteCall> sample = tck().remoteCall();
    if (sample.isEmpty()) {
      assertNotUnsupported(
          Feature.OPERATIONS, () -> remote.invoke("tckOperation", Map.of("a", 1), Options.NONE));
      Assumptions.abort(
          "OPERATIONS declared, but ConnectorTck.remoteCall() names no call whose result the TCK"
              + " can check; only checked that invoke is not refused");
    }
    ConnectorTck.RemoteCall call = sample.get();
    assertThat(remote.invoke(call.method(), call.args(), Options.NONE))
        .as(
            "C7: OPERATIONS: invoke(%s, %s) returns the operation's result",
            call.method(), call.args())
        .isEqualTo(call.expected());
  }

  // ---------------------------------------------------------------- STRING_IDS, NUMERIC_IDS

  private static final String STRING_ID_MODEL =
      """
      {"name": "TckStringId", "properties": {
        "id": {"type": "string", "id": true, "generated": true}, "name": "string"}}
      """;

  private static final String NUMBER_ID_MODEL =
      """
      {"name": "TckNumberId", "properties": {
        "id": {"type": "number", "id": true, "generated": true}, "name": "string"}}
      """;

  /**
   * The loud reading of an undeclared id type (pinned here): defining a model whose id is a
   * generated id of that type, or creating its first record, fails with {@code
   * UNSUPPORTED_OPERATION} and the standard message; the connector never stores an id of another
   * type.
   */
  @Test
  @ContractSection(value = "C7", features = Feature.STRING_IDS)
  void generatedStringIdsAreStringsOrUnsupported() {
    if (!supports(Feature.STRING_IDS)) {
      assertUnsupported(
          Feature.STRING_IDS,
          () -> {
            Dao ids = define(STRING_ID_MODEL);
            ids.create(Map.of("name", "a"));
          });
      return;
    }
    Dao ids = define(STRING_ID_MODEL);
    Map<String, Object> a = ids.create(Map.of("name", "a"));
    Map<String, Object> b = ids.create(Map.of("name", "b"));
    assertThat(a.get("id"))
        .as("C7: STRING_IDS: a generated string id is a non-empty string")
        .isInstanceOfSatisfying(String.class, id -> assertThat(id).isNotEmpty());
    assertThat(b.get("id")).isInstanceOf(String.class).isNotEqualTo(a.get("id"));
    assertThat(ids.findById(idOf(a)))
        .as("C7: a record is found by its generated string id")
        .hasValueSatisfying(r -> assertThat(r).containsEntry("name", "a"));
    assertThat(ids.find(Filter.ALL))
        .as("C7: every stored id is a string")
        .allSatisfy(r -> assertThat(r.get("id")).isInstanceOf(String.class));
  }

  @Test
  @ContractSection(value = "C7", features = Feature.NUMERIC_IDS)
  void generatedNumericIdsAreNumbersOrUnsupported() {
    if (!supports(Feature.NUMERIC_IDS)) {
      assertUnsupported(
          Feature.NUMERIC_IDS,
          () -> {
            Dao ids = define(NUMBER_ID_MODEL);
            ids.create(Map.of("name", "a"));
          });
      return;
    }
    Dao ids = define(NUMBER_ID_MODEL);
    Map<String, Object> a = ids.create(Map.of("name", "a"));
    Map<String, Object> b = ids.create(Map.of("name", "b"));
    assertThat(a.get("id"))
        .as("C7/C2: NUMERIC_IDS: a generated numeric id is an integer (Long)")
        .isInstanceOf(Long.class);
    assertThat((Long) a.get("id")).as("C1.2: generated numeric ids are positive").isPositive();
    assertThat(b.get("id")).isInstanceOf(Long.class);
    assertThat((Long) b.get("id"))
        .as("C1.2: a generated id is greater than every id present")
        .isGreaterThan((Long) a.get("id"));
    assertThat(ids.findById(b.get("id")))
        .as("C7: a record is found by its generated numeric id")
        .hasValueSatisfying(r -> assertThat(r).containsEntry("name", "b"));
  }
}
