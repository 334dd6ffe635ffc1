package io.connectorkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.ReadPreference;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Fields;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Include;
import io.connectorkit.core.filter.Order;
import io.connectorkit.core.filter.Where;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DAO over a connector that pushes down nothing but id conditions and lacks every optional
 * feature: the DAO alone must give the whole contract (shims, residual evaluation, shapes).
 */
class DaoTest {
  private static final String PERSON =
      """
      {"name": "Person",
       "properties": {
         "name": {"type": "string", "required": true},
         "age": "number",
         "vip": {"type": "boolean", "default": false},
         "secret": {"type": "string"},
         "createdAt": {"type": "date", "defaultFn": "now"}
       },
       "hidden": ["secret"],
       "relations": {"orders": {"type": "hasMany", "model": "Order", "foreignKey": "personId"}}}
      """;
  private static final String ORDER =
      """
      {"name": "Order", "properties": {"total": "number", "personId": "number"},
       "relations": {"person": {"type": "belongsTo", "model": "Person", "foreignKey": "personId"}}}
      """;

  private DataSource db;
  private ListConnector connector;
  private Dao people;

  @BeforeEach
  void setUp() {
    db = DataSources.create("db", Map.of("connector", "list"));
    connector = (ListConnector) db.connector();
    db.define(PERSON);
    db.define(ORDER);
    people = db.dao("Person");
  }

  private static Map<String, Object> person(String name, Object age) {
    Map<String, Object> data = new HashMap<>();
    data.put("name", name);
    data.put("age", age);
    return data;
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }

  @Test
  void createAppliesDefaultsCoercesAndListsEveryVisibleProperty() {
    Map<String, Object> created = people.create(Map.of("name", "Ada", "age", "36"));

    assertThat(created)
        .containsOnlyKeys("id", "name", "age", "vip", "createdAt")
        .containsEntry("id", 1L)
        .containsEntry("age", 36L)
        .containsEntry("vip", false);
    assertThat(created.get("createdAt")).isInstanceOf(Instant.class);
  }

  @Test
  void explicitNullIsKeptInsteadOfTheDefault() {
    Map<String, Object> data = person("Ada", 1);
    data.put("vip", null);

    assertThat(people.create(data)).containsEntry("vip", null);
  }

  @Test
  void createWithClientIdOnGeneratedIdIsRejected() {
    assertCode(
        () -> people.create(Map.of("id", 5, "name", "Ada")),
        ErrorCode.VALIDATION_FAILED,
        "can't be set");
  }

  @Test
  void createWithoutRequiredPropertyFailsAndWritesNothing() {
    assertCode(
        () -> people.create(Map.of("age", 3)), ErrorCode.VALIDATION_FAILED, "can't be blank");
    assertThat(people.count(null)).isZero();
  }

  @Test
  void createAllValidatesEveryItemBeforeWritingAny() {
    List<Map<String, Object>> batch = List.of(person("a", 1), person("b", 2), Map.of("age", 3));

    assertCode(() -> people.createAll(batch), ErrorCode.VALIDATION_FAILED, "item 2: ");
    assertThat(people.count(null)).isZero();
  }

  @Test
  void createAllReturnsRecordsInInputOrder() {
    List<Map<String, Object>> created = people.createAll(List.of(person("a", 1), person("b", 2)));

    assertThat(created).extracting(row -> row.get("name")).containsExactly("a", "b");
    assertThat(created).extracting(row -> row.get("id")).containsExactly(1L, 2L);
  }

  @Test
  void findEvaluatesTheResidualBeforePaging() {
    for (int i = 1; i <= 10; i++) {
      people.create(person("p" + i, i));
    }

    List<Map<String, Object>> rows =
        people.find(
            Filter.builder().where(Where.gt("age", 3)).order("age DESC").skip(1).limit(3).build());

    assertThat(rows).extracting(row -> row.get("age")).containsExactly(9L, 8L, 7L);
  }

  @Test
  void findWithoutOrderReturnsIdOrder() {
    people.create(person("b", 2));
    people.create(person("a", 1));

    assertThat(people.find(Filter.ALL)).extracting(row -> row.get("id")).containsExactly(1L, 2L);
  }

  @Test
  void hiddenPropertiesAreStoredAndQueryableButNeverReturned() {
    Map<String, Object> data = person("Ada", 1);
    data.put("secret", "x");
    people.create(data);

    List<Map<String, Object>> rows = people.find(Filter.where(Where.eq("secret", "x")));

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).doesNotContainKey("secret");
  }

  @Test
  void fieldsSelectsProperties() {
    people.create(person("Ada", 1));

    assertThat(people.find(Filter.builder().fields("name").build()).get(0))
        .containsOnlyKeys("name");
    assertThat(
            people.find(Filter.builder().fields(Fields.except("age", "createdAt")).build()).get(0))
        .containsOnlyKeys("id", "name", "vip");
  }

  @Test
  void findOneForcesLimitOne() {
    people.create(person("a", 1));
    people.create(person("b", 2));

    assertThat(people.findOne(Filter.builder().order("age DESC").build()))
        .hasValueSatisfying(row -> assertThat(row).containsEntry("name", "b"));
    assertThat(people.findOne(Filter.where(Where.eq("name", "zzz")))).isEmpty();
  }

  @Test
  void findByIdCoercesTheIdAndRejectsNullOrEmpty() {
    people.create(person("a", 1));

    assertThat(people.findById("1")).isPresent();
    assertThat(people.findById(2)).isEmpty();
    assertCode(() -> people.findById(null), ErrorCode.INVALID_ARGUMENT, "is required");
    assertCode(() -> people.findById(""), ErrorCode.INVALID_ARGUMENT, "is required");
    assertCode(() -> people.findById("abc"), ErrorCode.INVALID_ARGUMENT, "cannot convert");
  }

  @Test
  void countAndExistsHonourTheResidual() {
    people.create(person("a", 1));
    people.create(person("b", 2));

    assertThat(people.count(Where.gte("age", 2))).isEqualTo(1);
    assertThat(people.exists(1)).isTrue();
    assertThat(people.exists(9)).isFalse();
  }

  @Test
  void updateAllWithResidualGoesThroughMatchingIdsAndReturnsMatchedCount() {
    people.create(person("a", 1));
    people.create(person("b", 2));
    people.create(person("c", 2));

    long count = people.updateAll(Where.eq("age", 2), Map.of("age", 2));

    assertThat(count).isEqualTo(2);
    assertThat(connector.updateWheres).containsExactly(Where.inq("id", List.of(2L, 3L)));
  }

  @Test
  void updateAllWithoutMatchesReturnsZero() {
    assertThat(people.updateAll(Where.eq("age", 99), Map.of("age", 1))).isZero();
  }

  @Test
  void updateAllDoesNotApplyDefaults() {
    Map<String, Object> data = person("a", 1);
    data.put("vip", null);
    people.create(data);

    people.updateAll(null, Map.of("age", 5));

    assertThat(people.findById(1).orElseThrow())
        .containsEntry("vip", null)
        .containsEntry("age", 5L);
  }

  @Test
  void deleteAllAndDeleteById() {
    people.create(person("a", 1));
    people.create(person("b", 2));
    people.create(person("c", 3));

    assertThat(people.deleteAll(Where.lt("age", 2))).isEqualTo(1);
    assertThat(people.deleteById(2)).isEqualTo(1);
    assertThat(people.deleteById(2)).isZero();
    assertThat(people.count(null)).isEqualTo(1);
  }

  @Test
  void deleteByIdOfMissingIdOnStrictDeleteModelIsNotFound() {
    db.define(
        "{\"name\": \"Strict\", \"strictDelete\": true, \"properties\": {\"x\": \"number\"}}");

    assertCode(() -> db.dao("Strict").deleteById(1), ErrorCode.ENTITY_NOT_FOUND, "Strict");
  }

  @Test
  void updateByIdPatchesAndKeepsOtherProperties() {
    people.create(person("a", 1));

    Map<String, Object> updated = people.updateById(1, Map.of("age", 2));

    assertThat(updated).containsEntry("name", "a").containsEntry("age", 2L);
  }

  @Test
  void updateByIdOfMissingIdIsNotFound() {
    assertCode(() -> people.updateById(7, Map.of("age", 2)), ErrorCode.ENTITY_NOT_FOUND, "7");
  }

  @Test
  void updateByIdWithADifferentIdIsRejected() {
    people.create(person("a", 1));

    assertCode(
        () -> people.updateById(1, Map.of("id", 2, "age", 2)),
        ErrorCode.INVALID_ARGUMENT,
        "cannot change the id");
    assertThat(people.updateById(1, Map.of("id", "1", "age", 3))).containsEntry("age", 3L);
  }

  @Test
  void replaceByIdNullsUnmentionedPropertiesAndReappliesDefaults() {
    Map<String, Object> data = person("a", 1);
    data.put("vip", true);
    people.create(data);

    Map<String, Object> replaced = people.replaceById(1, Map.of("name", "b"));

    assertThat(replaced)
        .containsEntry("id", 1L)
        .containsEntry("name", "b")
        .containsEntry("age", null)
        .containsEntry("vip", false);
  }

  @Test
  void replaceByIdValidatesRequired() {
    people.create(person("a", 1));

    assertCode(
        () -> people.replaceById(1, Map.of("age", 2)),
        ErrorCode.VALIDATION_FAILED,
        "can't be blank");
  }

  @Test
  void upsertWithoutIdCreates() {
    assertThat(people.upsert(person("a", 1))).containsEntry("id", 1L);
  }

  @Test
  void upsertWithExistingIdPatches() {
    people.create(person("a", 1));

    Map<String, Object> upserted = people.upsert(Map.of("id", 1, "age", 9));

    assertThat(upserted).containsEntry("name", "a").containsEntry("age", 9L);
    assertThat(people.count(null)).isEqualTo(1);
  }

  @Test
  void upsertWithUnknownIdAndForceIdIsNotFound() {
    assertCode(
        () -> people.upsert(Map.of("id", 42, "name", "a")), ErrorCode.ENTITY_NOT_FOUND, "42");
  }

  @Test
  void upsertWithUnknownIdWithoutForceIdCreatesWithThatId() {
    db.define(
        "{\"name\": \"Free\", \"forceId\": false, \"properties\": {\"n\": {\"type\": \"string\", \"required\": true}}}");

    Map<String, Object> created = db.dao("Free").upsert(Map.of("id", 42, "n", "x"));

    assertThat(created).containsEntry("id", 42L);
    assertThat(db.dao("Free").create(Map.of("n", "y"))).containsEntry("id", 43L);
  }

  @Test
  void replaceOrCreateReplacesExisting() {
    people.create(person("a", 1));

    assertThat(people.replaceOrCreate(Map.of("id", 1, "name", "z"))).containsEntry("age", null);
  }

  @Test
  void upsertWithWhereCreatesPatchesOrRejectsMultipleMatches() {
    Map<String, Object> created = people.upsertWithWhere(Where.eq("name", "a"), person("a", 1));
    assertThat(created).containsEntry("id", 1L);

    Map<String, Object> patched = people.upsertWithWhere(Where.eq("name", "a"), Map.of("age", 5));
    assertThat(patched).containsEntry("id", 1L).containsEntry("age", 5L);

    people.create(person("a", 2));
    assertCode(
        () -> people.upsertWithWhere(Where.eq("name", "a"), Map.of("age", 1)),
        ErrorCode.INVALID_ARGUMENT,
        "multiple instances");
    assertCode(
        () -> people.upsertWithWhere(Where.all(), Map.of()),
        ErrorCode.INVALID_ARGUMENT,
        "needs data");
  }

  @Test
  void upsertWithWhereDoesNotCopyTheWheresValuesIntoTheNewRecord() {
    Map<String, Object> created = people.upsertWithWhere(Where.eq("age", 77), Map.of("name", "n"));

    assertThat(created).containsEntry("age", null);
  }

  @Test
  void findOrCreateFindsOrCreates() {
    UpsertResult first = people.findOrCreate(Filter.where(Where.eq("name", "a")), person("a", 1));
    UpsertResult second = people.findOrCreate(Filter.where(Where.eq("name", "a")), person("a", 2));

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.instance()).containsEntry("age", 1L);
  }

  @Test
  void modelWithoutIdRejectsIdOperations() {
    db.define("{\"name\": \"Log\", \"idInjection\": false, \"properties\": {\"m\": \"string\"}}");
    Dao logs = db.dao("Log");

    logs.create(Map.of("m", "x"));
    assertThat(logs.count(null)).isEqualTo(1);
    assertCode(() -> logs.findById(1), ErrorCode.INVALID_ARGUMENT, "model Log has no id property");
    assertCode(
        () -> logs.upsert(Map.of("m", "y")), ErrorCode.INVALID_ARGUMENT, "has no id property");
  }

  @Test
  void unknownModelIsModelNotFound() {
    assertCode(() -> db.dao("Nope"), ErrorCode.MODEL_NOT_FOUND, "Nope");
  }

  @Test
  void transactionsAreUnsupportedWithTheStandardMessage() {
    assertThatThrownBy(() -> db.beginTransaction(IsolationLevel.SERIALIZABLE))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION))
        .hasMessage("list does not support TRANSACTIONS");
  }

  @Test
  void transactionOfAnotherDatasourceIsRejected() {
    DataSource other = DataSources.create("other", Map.of("connector", "list"));
    Transaction foreign =
        new Transaction(other.connector(), IsolationLevel.READ_COMMITTED, null) {
          @Override
          protected void doCommit() {}

          @Override
          protected void doRollback() {}
        };

    assertCode(
        () -> people.find(Filter.ALL, Options.of(foreign)),
        ErrorCode.INVALID_ARGUMENT,
        "belongs to another datasource");
  }

  @Test
  void operationsWithoutATransactionJoinTheProvidersTransaction() {
    DataSource other = DataSources.create("other", Map.of("connector", "list"));
    Transaction current = idleTransaction(other);
    db.setTransactionProvider(() -> current);

    // The provider's transaction reached the DAO: it belongs to "other", so it is refused.
    assertCode(() -> people.find(Filter.ALL), ErrorCode.INVALID_ARGUMENT, current.id());
    assertCode(() -> db.dao("Order").count(null), ErrorCode.INVALID_ARGUMENT, current.id());

    db.setTransactionProvider(() -> null);
    assertThat(people.find(Filter.ALL)).isNotNull();
    db.setTransactionProvider(null);
    assertThat(people.count(null)).isNotNegative();
  }

  @Test
  void anExplicitTransactionWinsOverTheProvider() {
    DataSource other = DataSources.create("other", Map.of("connector", "list"));
    Transaction finished = idleTransaction(db);
    finished.rollback();
    db.setTransactionProvider(() -> idleTransaction(other));

    assertCode(
        () -> people.find(Filter.ALL, Options.of(finished)),
        ErrorCode.TRANSACTION_NOT_ACTIVE,
        finished.id());
  }

  @Test
  void joiningTheProvidersTransactionKeepsTheCallersOtherOptions() {
    Transaction current = idleTransaction(db);
    db.setTransactionProvider(() -> current);
    Options given =
        Options.NONE.withReadPreference(ReadPreference.REPLICA).with("writeConcern", "majority");

    Options used = db.withCurrentTransaction(given);

    assertThat(used.transaction()).isSameAs(current);
    assertThat(used.readPreference()).isEqualTo(ReadPreference.REPLICA);
    assertThat(used.settings()).containsEntry("writeConcern", "majority");
    db.setTransactionProvider(null);
  }

  private static Transaction idleTransaction(DataSource owner) {
    return new Transaction(owner.connector(), IsolationLevel.READ_COMMITTED, null) {
      @Override
      protected void doCommit() {}

      @Override
      protected void doRollback() {}
    };
  }

  @Test
  void hooksRunInContractOrderAndMayChangeData() {
    List<String> seen = new ArrayList<>();
    for (OperationHook hook : OperationHook.values()) {
      db.observe("Person", hook, context -> seen.add(hook.name()));
    }
    db.observe(
        "Person",
        OperationHook.BEFORE_SAVE,
        context -> context.data().put("name", context.data().get("name") + "!"));

    Map<String, Object> created = people.create(person("a", 1));
    people.find(Filter.ALL);
    people.deleteAll(null);

    assertThat(created).containsEntry("name", "a!");
    assertThat(seen)
        .containsExactly(
            "BEFORE_SAVE",
            "PERSIST",
            "LOADED",
            "AFTER_SAVE",
            "ACCESS",
            "LOADED",
            "BEFORE_DELETE",
            "AFTER_DELETE");
  }

  @Test
  void accessHookMayRewriteTheQuery() {
    people.create(person("a", 1));
    people.create(person("b", 2));
    db.observe(
        "Person",
        OperationHook.ACCESS,
        context -> context.setQuery(context.query().withWhere(Where.eq("name", "b"))));

    assertThat(people.find(Filter.ALL)).extracting(row -> row.get("name")).containsExactly("b");
  }

  @Test
  void includeResolvesRelationsWithOneQueryPerRelation() {
    people.create(person("a", 1));
    people.create(person("b", 2));
    Dao orders = db.dao("Order");
    orders.create(Map.of("total", 10, "personId", 1));
    orders.create(Map.of("total", 20, "personId", 1));
    orders.create(Map.of("total", 30, "personId", 2));
    connector.allCalls.set(0);

    List<Map<String, Object>> rows = people.find(Filter.builder().include("orders").build());

    assertThat(connector.allCalls.get()).isEqualTo(2);
    assertThat((List<?>) rows.get(0).get("orders")).hasSize(2);
    assertThat((List<?>) rows.get(1).get("orders")).hasSize(1);
  }

  @Test
  void includeBelongsToKeepsKeyWhenFieldsLeaveItOut() {
    people.create(person("a", 1));
    db.dao("Order").create(Map.of("total", 10, "personId", 1));

    List<Map<String, Object>> rows =
        db.dao("Order").find(Filter.builder().fields("total").include("person").build());

    assertThat(rows.get(0)).containsOnlyKeys("total", "person");
    @SuppressWarnings("unchecked")
    Map<String, Object> owner = (Map<String, Object>) rows.get(0).get("person");
    assertThat(owner).containsEntry("name", "a");
  }

  @Test
  void includeScopeLimitAppliesPerParent() {
    people.create(person("a", 1));
    people.create(person("b", 2));
    Dao orders = db.dao("Order");
    for (int i = 0; i < 3; i++) {
      orders.create(Map.of("total", i, "personId", 1));
      orders.create(Map.of("total", i, "personId", 2));
    }
    Filter scope = Filter.builder().order(Order.desc("total")).limit(2).build();

    List<Map<String, Object>> rows =
        people.find(Filter.builder().include(new Include("orders", scope)).build());

    for (Map<String, Object> row : rows) {
      assertThat((List<?>) row.get("orders")).hasSize(2);
    }
  }

  @Test
  void includeOfABelongsToWhoseTargetHasNoIdIsAConfigurationError() {
    // Was a NullPointerException: the related rows were looked up by a null key name.
    db.define("{\"name\": \"Log\", \"idInjection\": false, \"properties\": {\"msg\": \"string\"}}");
    db.define(
        "{\"name\": \"Entry\", \"properties\": {\"logId\": \"number\"},"
            + " \"relations\": {\"log\": {\"type\": \"belongsTo\", \"model\": \"Log\"}}}");
    db.dao("Entry").create(Map.of("logId", 1));

    assertCode(
        () -> db.dao("Entry").find(Filter.builder().include("log").build()),
        ErrorCode.CONFIGURATION_INVALID,
        "relation log of model Entry: model Log has no id");
  }

  @Test
  void includeOfAHasManyFromAModelWithoutIdIsAConfigurationError() {
    // Was an empty list for every row, as if no related row existed.
    db.define(
        "{\"name\": \"Log\", \"idInjection\": false, \"properties\": {\"msg\": \"string\"},"
            + " \"relations\": {\"orders\": {\"type\": \"hasMany\", \"model\": \"Order\","
            + " \"foreignKey\": \"personId\"}}}");
    db.dao("Log").create(Map.of("msg", "a"));
    db.dao("Order").create(Map.of("total", 10, "personId", 1));

    assertCode(
        () -> db.dao("Log").find(Filter.builder().include("orders").build()),
        ErrorCode.CONFIGURATION_INVALID,
        "relation orders of model Log: model Log has no id");
  }

  @Test
  void belongsToAddsItsUndeclaredForeignKeyTypedLikeTheTargetId() {
    db.define(
        "{\"name\": \"Pet\", \"properties\": {\"n\": \"string\"},"
            + " \"relations\": {\"owner\": {\"type\": \"belongsTo\", \"model\": \"Person\"}}}");

    assertThat(db.model("Pet").property("ownerId"))
        .hasValueSatisfying(
            key ->
                assertThat(key.type()).isEqualTo(io.connectorkit.core.model.PropertyType.NUMBER));
    people.create(person("a", 1));
    db.dao("Pet").create(Map.of("n", "rex", "ownerId", "1"));
    List<Map<String, Object>> pets = db.dao("Pet").find(Filter.builder().include("owner").build());
    assertThat(pets.get(0)).containsEntry("ownerId", 1L);
    assertThat(pets.get(0).get("owner")).isNotNull();
  }

  @Test
  void resultsAreIndependentCopies() {
    people.create(person("a", 1));
    Map<String, Object> row = new LinkedHashMap<>(people.find(Filter.ALL).get(0));
    row.put("name", "changed");

    assertThat(people.findById(1).orElseThrow()).containsEntry("name", "a");
  }

  @Test
  void bulkWritesOnAModelWithoutIdNeedAWhereTheConnectorEnforces() {
    db.define("{\"name\": \"Log\", \"idInjection\": false, \"properties\": {\"msg\": \"string\"}}");
    Dao log = db.dao("Log");
    log.create(Map.of("msg", "a"));
    log.create(Map.of("msg", "b"));

    // The list connector enforces only id conditions, so a residual cannot become ids here.
    assertCode(
        () -> log.updateAll(Where.eq("msg", "a"), Map.of("msg", "c")),
        ErrorCode.INVALID_ARGUMENT,
        "model Log has no id property");
    assertCode(
        () -> log.deleteAll(Where.eq("msg", "a")),
        ErrorCode.INVALID_ARGUMENT,
        "model Log has no id property");
    assertThat(log.find(null)).extracting(r -> r.get("msg")).containsExactly("a", "b");

    assertThat(log.updateAll(null, Map.of("msg", "c"))).isEqualTo(2);
    assertThat(log.deleteAll(null)).isEqualTo(2);
  }

  // ------------------------------------------------------------------ extended operators

  @Test
  void extendedOperatorsAreRefusedByDefaultNamingTheKey() {
    people.create(person("Al", 1));
    assertCode(
        () -> people.updateAll(Where.all(), Map.of("$inc", Map.of("age", 1))),
        ErrorCode.VALIDATION_FAILED,
        "`$inc` is an update operator");
    assertCode(
        () -> people.updateById(1L, Map.of("$push", Map.of("age", 1))),
        ErrorCode.VALIDATION_FAILED,
        "`$push` is an update operator");
    Where mod = new Where.Extension("age", "$mod", List.of(2L, 1L));
    assertCode(
        () -> people.find(Filter.where(mod)),
        ErrorCode.INVALID_FILTER,
        "where.age.$mod: \"$\"-prefixed keys are not allowed");
    assertCode(
        () -> people.updateAll(mod, Map.of("age", 3)),
        ErrorCode.INVALID_FILTER,
        "where.age.$mod: \"$\"-prefixed keys are not allowed");
    assertThat(connector.updateData).isEmpty();
  }

  @Test
  void allowedUpdateOperatorsReachTheConnectorCoercedByPropertyType() {
    DataSource extended =
        DataSources.create("ext", Map.of("connector", "list", "allowExtendedOperators", true));
    extended.define(PERSON);
    ListConnector list = (ListConnector) extended.connector();
    Dao dao = extended.dao("Person");
    dao.create(person("Al", 1));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("$inc", Map.of("age", "2"));
    data.put("$set", Map.of("vip", "true"));
    dao.updateById(1L, data);
    dao.updateAll(Where.eq("name", "Al"), Map.of("$max", Map.of("age", 9)));
    assertThat(list.updateData)
        .containsExactly(
            Map.of("vip", true, "$inc", Map.of("age", 2L)), Map.of("$max", Map.of("age", 9L)));
    // still validated: a string cannot be incremented
    assertCode(
        () -> dao.updateAll(Where.all(), Map.of("$inc", Map.of("name", 1))),
        ErrorCode.VALIDATION_FAILED,
        "`name` is a string property: $inc needs a number property");
    // only updateAll and updateById take operators
    assertCode(
        () -> dao.create(Map.of("name", "Bo", "$inc", Map.of("age", 1))),
        ErrorCode.VALIDATION_FAILED,
        "`$inc` is an update operator");
  }

  @Test
  void allowedWhereExtensionTheConnectorDoesNotEnforceFailsLoudly() {
    DataSource extended =
        DataSources.create("ext", Map.of("connector", "list", "allowExtendedOperators", true));
    extended.define(PERSON);
    Dao dao = extended.dao("Person");
    dao.create(person("Al", 1));
    assertCode(
        () -> dao.find(Filter.where(new Where.Extension("age", "$mod", List.of(2L, 1L)))),
        ErrorCode.INVALID_FILTER,
        "where.age.$mod: the extended operator \"$mod\" must be enforced by the connector");
  }
}
