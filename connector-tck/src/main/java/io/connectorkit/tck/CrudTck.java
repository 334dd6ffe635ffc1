package io.connectorkit.tck;

import static io.connectorkit.tck.CrudFixtures.idOf;
import static io.connectorkit.tck.CrudFixtures.names;
import static io.connectorkit.tck.CrudFixtures.row;
import static io.connectorkit.tck.CrudFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** C3 operations and result shapes. */
public abstract class CrudTck extends TckSection {
  private static final String ITEMS =
      """
      {"name": "TckItem", "properties": {
        "name": {"type": "string", "required": true},
        "status": "string",
        "qty": "number"}}
      """;

  private static final String CLIENT_IDS =
      """
      {"name": "TckClientItem", "forceId": false, "properties": {"name": "string"}}
      """;

  private static final String ACCOUNTS =
      """
      {"name": "TckAccount", "properties": {
        "name": "string",
        "email": {"type": "string", "index": {"unique": true}}}}
      """;

  private static final String WITH_DEFAULT =
      """
      {"name": "TckDefaulted", "properties": {
        "name": "string",
        "status": {"type": "string", "default": "new"}}}
      """;

  protected CrudTck(ConnectorTck tck) {
    super(tck);
  }

  // ---------------------------------------------------------------- create

  @Test
  @ContractSection("C3")
  void createReturnsTheEntityWithItsIdAndEveryDeclaredProperty() {
    Dao items = define(ITEMS);

    Map<String, Object> created = items.create(row("name", "a", "qty", 2));

    assertThat(created.get("id")).as("C3: create returns the entity, id included").isNotNull();
    assertThat(created)
        .as("C3/C2: the entity lists every declared property, null when unset")
        .containsOnlyKeys("id", "name", "status", "qty")
        .containsEntry("name", "a")
        .containsEntry("status", null)
        .containsEntry("qty", 2L);
    assertThat(stored(items, created.get("id")))
        .as("C3: the created entity is what is stored")
        .isEqualTo(created);
  }

  @Test
  @ContractSection("C3")
  void createOfAnArrayReturnsTheEntitiesInInputOrder() {
    Dao items = define(ITEMS);
    List<Map<String, Object>> input = new ArrayList<>();
    for (String name : List.of("e", "b", "d", "a", "c")) {
      input.add(row("name", name));
    }

    List<Map<String, Object>> created = items.createAll(input);

    assertThat(created)
        .as("C3: create of an array returns the entities in input order")
        .extracting(r -> r.get("name"))
        .containsExactly("e", "b", "d", "a", "c");
    assertThat(created)
        .as("C3: every created entity has its own id")
        .extracting(r -> r.get("id"))
        .doesNotContainNull()
        .doesNotHaveDuplicates();
    for (Map<String, Object> entity : created) {
      assertThat(stored(items, idOf(entity))).isEqualTo(entity);
    }
    assertThat(items.count(Where.all())).isEqualTo(5);
  }

  @Test
  @ContractSection("C3")
  void createOfAnEmptyArrayCreatesNothing() {
    Dao items = define(ITEMS);

    assertThat(items.createAll(List.of())).as("C3: create([]) returns []").isEmpty();
    assertThat(items.count(Where.all())).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  @ContractSection("C3")
  void createOfAnArrayValidatesEveryItemBeforeWritingAny(int badIndex) {
    Dao items = define(ITEMS);
    items.create(row("name", "existing"));
    List<Map<String, Object>> batch = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      batch.add(i == badIndex ? row("qty", "abc") : row("name", "n" + i));
    }

    assertError(
        ErrorCode.VALIDATION_FAILED,
        "C3: one invalid item (index " + badIndex + ") fails the whole batch",
        () -> items.createAll(batch));
    assertThat(names(items))
        .as("C3: a batch is validated before any item is written")
        .containsExactly("existing");
  }

  @Test
  @ContractSection("C3")
  void createWithAnExistingIdIsADuplicateKey() {
    Dao items = define(CLIENT_IDS);
    Object id = idOf(items.create(row("name", "first")));

    assertError(
        ErrorCode.DUPLICATE_KEY,
        "C3/C5: create with an existing id is DUPLICATE_KEY",
        () -> items.create(row("id", id, "name", "second")));
    assertThat(items.count(Where.all())).isEqualTo(1);
    assertThat(stored(items, id))
        .as("C3: the existing record is untouched")
        .containsEntry("name", "first");
  }

  @Test
  @ContractSection("C3")
  void uniqueIndexViolationIsADuplicateKeyAndWritesNothing() {
    Dao accounts = define(ACCOUNTS);
    accounts.create(row("name", "a", "email", "a@example.com"));

    assertError(
        ErrorCode.DUPLICATE_KEY,
        "C3/C5: a value already in a unique index is DUPLICATE_KEY",
        () -> accounts.create(row("name", "b", "email", "a@example.com")));
    assertThat(names(accounts)).as("C3: nothing is written").containsExactly("a");

    accounts.create(row("name", "c", "email", "c@example.com"));
    assertThat(names(accounts))
        .as("C3: a different value in the unique index is accepted")
        .containsExactly("a", "c");
  }

  @Test
  @ContractSection(
      value = "C3",
      features = {Feature.BATCH_CREATE})
  void batchWithADuplicateIdIsADuplicateKeyAndWithBatchCreateWritesNothing() {
    Dao items = define(CLIENT_IDS);
    Object taken = idOf(items.create(row("name", "existing")));
    Object first = idOf(items.create(row("name", "tmp1")));
    Object second = idOf(items.create(row("name", "tmp2")));
    items.deleteById(first);
    items.deleteById(second);

    ConnectorException e =
        assertError(
            ErrorCode.DUPLICATE_KEY,
            "C3: a batch holding an existing id is DUPLICATE_KEY, with or without BATCH_CREATE",
            () ->
                items.createAll(
                    List.of(
                        row("id", first, "name", "new1"),
                        row("id", second, "name", "new2"),
                        row("id", taken, "name", "dup"))));

    if (supports(Feature.BATCH_CREATE)) {
      assertThat(names(items))
          .as("C3: with BATCH_CREATE, create([...]) writes all or nothing")
          .containsExactly("existing");
    } else {
      assertBatchFailureSaysWhatWasWritten(items, e, 1);
    }
  }

  @Test
  @ContractSection(
      value = "C3",
      features = {Feature.BATCH_CREATE})
  void batchWithAUniqueValueTwiceIsADuplicateKeyAndWithBatchCreateWritesNothing() {
    Dao accounts = define(ACCOUNTS);
    accounts.create(row("name", "a", "email", "a@example.com"));

    ConnectorException e =
        assertError(
            ErrorCode.DUPLICATE_KEY,
            "C3: a batch repeating a unique value is DUPLICATE_KEY, with or without BATCH_CREATE",
            () ->
                accounts.createAll(
                    List.of(
                        row("name", "b", "email", "b@example.com"),
                        row("name", "c", "email", "c@example.com"),
                        row("name", "d", "email", "b@example.com"))));

    if (supports(Feature.BATCH_CREATE)) {
      assertThat(names(accounts))
          .as("C3: with BATCH_CREATE, create([...]) writes all or nothing")
          .containsExactly("a");
    } else {
      assertBatchFailureSaysWhatWasWritten(accounts, e, 1);
    }
  }

  // ---------------------------------------------------------------- find, findOne, findById

  @Test
  @ContractSection("C3")
  void findWithoutFilterReturnsEveryRecordInIdOrder() {
    Dao items = define(ITEMS);
    List<Object> ids = new ArrayList<>();
    for (String name : List.of("c", "a", "b")) {
      ids.add(items.create(row("name", name)).get("id"));
    }

    assertThat(items.find(null))
        .as("C3: find with no filter returns every record, in id order (C4.2)")
        .extracting(r -> r.get("name"))
        .containsExactly("c", "a", "b");
    assertThat(items.find(Filter.ALL)).extracting(r -> r.get("id")).containsExactlyElementsOf(ids);
  }

  @Test
  @ContractSection("C3")
  void findOnAnEmptyModelReturnsAnEmptyArray() {
    Dao items = define(ITEMS);

    assertThat(items.find(Filter.ALL)).as("C3: find returns an array, empty when none").isEmpty();
  }

  @Test
  @ContractSection("C3")
  void findOneReturnsTheFirstMatchOrNothing() {
    Dao items = define(ITEMS);
    items.create(row("name", "a", "qty", 1));
    items.create(row("name", "b", "qty", 2));
    items.create(row("name", "c", "qty", 2));

    assertThat(items.findOne(Filter.where(Where.eq("qty", 2))))
        .as("C3: findOne returns the first match (ties by id)")
        .hasValueSatisfying(r -> assertThat(r).containsEntry("name", "b"));
    assertThat(items.findOne(Filter.builder().where(Where.eq("qty", 2)).order("name DESC").build()))
        .as("C3: findOne honours order")
        .hasValueSatisfying(r -> assertThat(r).containsEntry("name", "c"));
    assertThat(items.findOne(Filter.where(Where.eq("qty", 9))))
        .as("C3: findOne returns null when nothing matches")
        .isEmpty();
    assertThat(items.findOne(Filter.ALL))
        .hasValueSatisfying(r -> assertThat(r).containsEntry("name", "a"));
  }

  @Test
  @ContractSection("C3")
  void findOneOnAnEmptyModelReturnsNothing() {
    Dao items = define(ITEMS);

    assertThat(items.findOne(Filter.ALL)).as("C3: findOne on no records is null").isEmpty();
  }

  @Test
  @ContractSection("C3")
  void findByIdReturnsTheRecordOrNothing() {
    Dao items = define(ITEMS);
    Map<String, Object> a = items.create(row("name", "a", "qty", 1));
    Object b = idOf(items.create(row("name", "b")));
    items.deleteById(b);

    assertThat(items.findById(idOf(a))).as("C3: findById returns the entity").contains(a);
    assertThat(items.findById(b)).as("C3: findById of a missing id is null").isEmpty();
  }

  @Test
  @ContractSection("C3")
  void findByIdHonoursFields() {
    Dao items = define(ITEMS);
    Object id = idOf(items.create(row("name", "a", "status", "s", "qty", 1)));

    assertThat(items.findById(id, Filter.builder().fields("name", "qty").build(), Options.NONE))
        .as("C3: findById honours fields")
        .contains(row("name", "a", "qty", 1L));
  }

  @Test
  @ContractSection("C3")
  void findByIdIgnoresWhereOrderLimitAndSkip() {
    Dao items = define(ITEMS);
    Object id = idOf(items.create(row("name", "a")));
    items.create(row("name", "b"));
    Filter others =
        Filter.builder().where(Where.eq("name", "b")).order("name DESC").limit(1).skip(1).build();

    assertThat(items.findById(id, others, Options.NONE))
        .as("C3: of findById's filter only fields and include are honoured")
        .hasValueSatisfying(r -> assertThat(r).containsEntry("name", "a"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"findById", "exists", "deleteById", "updateById", "replaceById"})
  @ContractSection("C3")
  void nullIdIsAnInvalidArgument(String operation) {
    Dao items = define(ITEMS);
    items.create(row("name", "a"));

    assertError(
        ErrorCode.INVALID_ARGUMENT,
        "C3: " + operation + " with a null id is INVALID_ARGUMENT",
        () -> callWithId(items, operation, null));
    assertThat(names(items)).containsExactly("a");
  }

  @ParameterizedTest
  @ValueSource(strings = {"findById", "exists", "deleteById", "updateById", "replaceById"})
  @ContractSection("C3")
  void emptyStringIdIsAnInvalidArgument(String operation) {
    Dao items = define(ITEMS);
    items.create(row("name", "a"));

    assertError(
        ErrorCode.INVALID_ARGUMENT,
        "C3: " + operation + " with an empty-string id is INVALID_ARGUMENT",
        () -> callWithId(items, operation, ""));
    assertThat(names(items)).containsExactly("a");
  }

  // ---------------------------------------------------------------- count, exists

  @Test
  @ContractSection("C3")
  void countCountsMatchingRecords() {
    Dao items = define(ITEMS);
    assertThat(items.count(null)).as("C3: count of an empty model is 0").isZero();
    items.create(row("name", "a", "qty", 1));
    items.create(row("name", "b", "qty", 2));
    items.create(row("name", "c", "qty", 2));

    assertThat(items.count(null)).as("C3: count without where counts all").isEqualTo(3);
    assertThat(items.count(Where.eq("qty", 2))).as("C3: count with a where").isEqualTo(2);
    assertThat(items.count(Where.eq("qty", 5))).isZero();
  }

  @Test
  @ContractSection("C3")
  void existsSaysWhetherARecordHasTheId() {
    Dao items = define(ITEMS);
    Object id = idOf(items.create(row("name", "a")));
    Object gone = idOf(items.create(row("name", "b")));
    items.deleteById(gone);

    assertThat(items.exists(id)).as("C3: exists of a stored id is true").isTrue();
    assertThat(items.exists(gone)).as("C3: exists of a missing id is false").isFalse();
  }

  // ---------------------------------------------------------------- updateAll, deleteAll

  @Test
  @ContractSection("C3")
  void updateAllReturnsTheMatchedCountEvenWhenNothingChanges() {
    Dao items = define(ITEMS);
    items.create(row("name", "a", "status", "on"));
    items.create(row("name", "b", "status", "on"));
    items.create(row("name", "c", "status", "off"));

    assertThat(items.updateAll(Where.eq("status", "on"), row("status", "on")))
        .as("C3: updateAll counts rows matched, not rows changed")
        .isEqualTo(2);
    assertThat(items.updateAll(Where.eq("status", "nope"), row("status", "x")))
        .as("C3: updateAll matching nothing counts 0")
        .isZero();
  }

  @Test
  @ContractSection("C3")
  void updateAllPatchesMatchingRecordsOnly() {
    Dao items = define(ITEMS);
    Object a = idOf(items.create(row("name", "a", "status", "on", "qty", 1)));
    Object b = idOf(items.create(row("name", "b", "status", "off", "qty", 2)));

    assertThat(items.updateAll(Where.eq("status", "on"), row("qty", 10))).isEqualTo(1);

    assertThat(stored(items, a))
        .as("C3: updateAll patches: unmentioned properties keep their values")
        .containsEntry("name", "a")
        .containsEntry("status", "on")
        .containsEntry("qty", 10L);
    assertThat(stored(items, b))
        .as("C3: non-matching records are untouched")
        .containsEntry("qty", 2L);
  }

  @Test
  @ContractSection("C3")
  void updateAllWithoutWhereUpdatesEveryRecord() {
    Dao items = define(ITEMS);
    items.create(row("name", "a", "status", "x"));
    items.create(row("name", "b"));
    items.create(row("name", "c", "status", "y"));

    assertThat(items.updateAll(null, row("status", "z")))
        .as("C3: updateAll with where absent matches every row")
        .isEqualTo(3);
    assertThat(items.count(Where.eq("status", "z"))).isEqualTo(3);
  }

  @Test
  @ContractSection("C3")
  void updateAllAppliesNoDefaults() {
    Dao dao = define(WITH_DEFAULT);
    Object id = idOf(dao.create(row("name", "a", "status", null)));

    dao.updateAll(Where.all(), row("name", "b"));

    assertThat(stored(dao, id))
        .as("C3: updateAll applies no defaults")
        .containsEntry("name", "b")
        .containsEntry("status", null);
  }

  @Test
  @ContractSection("C3")
  void deleteAllDeletesMatchingRecordsAndCountsThem() {
    Dao items = define(ITEMS);
    items.create(row("name", "a", "qty", 1));
    items.create(row("name", "b", "qty", 2));
    items.create(row("name", "c", "qty", 2));

    assertThat(items.deleteAll(Where.eq("qty", 2)))
        .as("C3: deleteAll counts deleted rows")
        .isEqualTo(2);
    assertThat(names(items)).containsExactly("a");
    assertThat(items.deleteAll(Where.eq("qty", 2))).as("C3: nothing left to delete").isZero();
  }

  @Test
  @ContractSection("C3")
  void deleteAllWithoutWhereDeletesEveryRecord() {
    Dao items = define(ITEMS);
    items.create(row("name", "a"));
    items.create(row("name", "b"));

    assertThat(items.deleteAll(null))
        .as("C3: deleteAll with where absent deletes all")
        .isEqualTo(2);
    assertThat(items.count(null)).isZero();
  }

  // ---------------------------------------------------------------- deleteById

  @Test
  @ContractSection("C3")
  void deleteByIdCountsOneThenZero() {
    Dao items = define(ITEMS);
    Object id = idOf(items.create(row("name", "a")));
    items.create(row("name", "b"));

    assertThat(items.deleteById(id)).as("C3: deleteById of a stored id is {count: 1}").isEqualTo(1);
    assertThat(items.deleteById(id))
        .as("C3: deleteById of a missing id is {count: 0} (without strictDelete)")
        .isZero();
    assertThat(names(items)).containsExactly("b");
  }

  // ---------------------------------------------------------------- updateById

  @Test
  @ContractSection("C3")
  void updateByIdPatchesAndReturnsTheUpdatedEntity() {
    Dao items = define(ITEMS);
    Object id = idOf(items.create(row("name", "a", "status", "on", "qty", 1)));
    Object other = idOf(items.create(row("name", "b", "qty", 1)));

    Map<String, Object> updated = items.updateById(id, row("qty", 5, "status", null));

    assertThat(updated)
        .as("C3: updateById returns the whole updated entity; unmentioned properties keep values")
        .isEqualTo(row("id", id, "name", "a", "status", null, "qty", 5L));
    assertThat(stored(items, id)).isEqualTo(updated);
    assertThat(stored(items, other)).as("C3: other records are untouched").containsEntry("qty", 1L);
  }

  @Test
  @ContractSection("C3")
  void updateByIdOfAMissingIdIsNotFound() {
    Dao items = define(ITEMS);
    Object gone = idOf(items.create(row("name", "a")));
    items.deleteById(gone);

    assertError(
        ErrorCode.ENTITY_NOT_FOUND,
        "C3: updateById of a missing id is ENTITY_NOT_FOUND",
        () -> items.updateById(gone, row("name", "b")));
    assertThat(items.count(Where.all())).as("C3: nothing is created").isZero();
  }

  @Test
  @ContractSection("C3")
  void updateByIdWithTheSameIdInDataIsFine() {
    Dao items = define(ITEMS);
    Object id = idOf(items.create(row("name", "a")));

    assertThat(items.updateById(id, row("id", id, "name", "b")))
        .as("C3: data holding the same id is accepted")
        .containsEntry("id", id)
        .containsEntry("name", "b");
  }

  @Test
  @ContractSection("C3")
  void updateByIdWithADifferentIdInDataIsInvalid() {
    Dao items = define(ITEMS);
    Object id = idOf(items.create(row("name", "a")));
    Object other = idOf(items.create(row("name", "b")));

    assertError(
        ErrorCode.INVALID_ARGUMENT,
        "C3: updateById with a different id in data is INVALID_ARGUMENT",
        () -> items.updateById(id, row("id", other, "name", "x")));
    assertThat(names(items)).as("C3: nothing changed").containsExactly("a", "b");
  }

  // ---------------------------------------------------------------- replaceById

  @Test
  @ContractSection("C3")
  void replaceByIdNullsUnmentionedPropertiesAndReturnsTheEntity() {
    Dao items = define(ITEMS);
    Object id = idOf(items.create(row("name", "a", "status", "on", "qty", 1)));

    Map<String, Object> replaced = items.replaceById(id, row("name", "b"));

    assertThat(replaced)
        .as("C3: replaceById: unmentioned properties become null")
        .isEqualTo(row("id", id, "name", "b", "status", null, "qty", null));
    assertThat(stored(items, id)).isEqualTo(replaced);
  }

  @Test
  @ContractSection("C3")
  void replaceByIdAppliesDefaultsAgain() {
    Dao dao = define(WITH_DEFAULT);
    Object id = idOf(dao.create(row("name", "a", "status", "old")));

    assertThat(dao.replaceById(id, row("name", "b")))
        .as("C3: replaceById re-applies defaults")
        .containsEntry("status", "new");
    assertThat(stored(dao, id)).containsEntry("status", "new").containsEntry("name", "b");
  }

  @Test
  @ContractSection("C3")
  void replaceByIdOfAMissingIdIsNotFound() {
    Dao items = define(ITEMS);
    Object gone = idOf(items.create(row("name", "a")));
    items.deleteById(gone);

    assertError(
        ErrorCode.ENTITY_NOT_FOUND,
        "C3: replaceById of a missing id is ENTITY_NOT_FOUND",
        () -> items.replaceById(gone, row("name", "b")));
    assertThat(items.count(Where.all())).as("C3: nothing is created").isZero();
  }

  @Test
  @ContractSection("C3")
  void replaceByIdWithADifferentIdInDataIsInvalid() {
    Dao items = define(ITEMS);
    Object id = idOf(items.create(row("name", "a", "qty", 1)));
    Object other = idOf(items.create(row("name", "b")));

    assertError(
        ErrorCode.INVALID_ARGUMENT,
        "C3: replaceById with a different id in data is INVALID_ARGUMENT",
        () -> items.replaceById(id, row("id", other, "name", "x")));
    assertThat(stored(items, id))
        .as("C3: nothing changed")
        .containsEntry("name", "a")
        .containsEntry("qty", 1L);
  }

  @Test
  @ContractSection("C3")
  void replaceByIdWithTheSameIdInDataIsFine() {
    Dao items = define(ITEMS);
    Object id = idOf(items.create(row("name", "a", "qty", 1)));

    assertThat(items.replaceById(id, row("id", id, "name", "b")))
        .as("C3: data holding the same id is accepted")
        .isEqualTo(row("id", id, "name", "b", "status", null, "qty", null));
  }

  // ---------------------------------------------------------------- helpers

  // The null-id test passes null on purpose: C3 requires INVALID_ARGUMENT for it, while the DAO's
  // id parameters are non-null in their signatures (a null id is a caller error the DAO reports).
  @SuppressWarnings("NullAway")
  private static void callWithId(Dao items, String operation, @Nullable Object id) {
    switch (operation) {
      case "findById" -> items.findById(id);
      case "exists" -> items.exists(id);
      case "deleteById" -> items.deleteById(id);
      case "updateById" -> items.updateById(id, row("name", "x"));
      case "replaceById" -> items.replaceById(id, row("name", "x"));
      default -> throw new IllegalArgumentException(operation);
    }
  }

  /**
   * Without BATCH_CREATE the DAO creates one by one; a failure must not hide a partial write (C5):
   * either nothing was written, or the error says which records were.
   */
  private static void assertBatchFailureSaysWhatWasWritten(
      Dao dao, ConnectorException e, long before) {
    long after = dao.count(Where.all());
    if (after != before) {
      assertThat(e.details())
          .as("C5: a batch that wrote %s records before failing says which", after - before)
          .isNotEmpty();
      assertThat(e.getMessage())
          .as("C5: the message says records were created")
          .contains("created");
    }
  }
}
