package io.connectorkit.tck;

import static io.connectorkit.tck.CrudFixtures.idOf;
import static io.connectorkit.tck.CrudFixtures.names;
import static io.connectorkit.tck.CrudFixtures.row;
import static io.connectorkit.tck.CrudFixtures.stored;
import static io.connectorkit.tck.CrudFixtures.upsertVia;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C3 upsert, replaceOrCreate, upsertWithWhere, findOrCreate. The behaviour is the same whether the
 * connector declares ATOMIC_UPSERT / ATOMIC_FIND_OR_CREATE or the DAO emulates the operation, so it
 * is tested unconditionally; atomicity under concurrency is {@link ConcurrencyTck}'s.
 */
public abstract class UpsertTck extends TckSection {
  /** Generated id, forceId by default. */
  private static final String FORCED =
      """
      {"name": "TckUser", "properties": {
        "name": "string", "age": "number", "city": "string"}}
      """;

  /** Generated id, client ids allowed. */
  private static final String OPEN =
      """
      {"name": "TckOpenUser", "forceId": false, "properties": {
        "name": "string", "age": "number", "city": "string",
        "status": {"type": "string", "default": "new"}}}
      """;

  protected UpsertTck(ConnectorTck tck) {
    super(tck);
  }

  // ---------------------------------------------------------------- upsert and its aliases

  @ParameterizedTest
  @ValueSource(strings = {"upsert", "updateOrCreate", "patchOrCreate"})
  @ContractSection("C3")
  void upsertWithoutIdCreates(String method) {
    Dao users = define(FORCED);
    users.create(row("name", "existing"));

    Map<String, Object> created = upsertVia(users, method, row("name", "a", "age", 3));

    assertThat(created.get("id"))
        .as("C3: %s without id creates, with a new id", method)
        .isNotNull();
    assertThat(created)
        .as("C3: the result is the created entity, every property listed")
        .isEqualTo(row("id", created.get("id"), "name", "a", "age", 3L, "city", null));
    assertThat(users.count(Where.all())).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"upsert", "updateOrCreate", "patchOrCreate"})
  @ContractSection("C3")
  void upsertWithANullIdCreates(String method) {
    Dao users = define(FORCED);

    Map<String, Object> created = upsertVia(users, method, row("id", null, "name", "a"));

    assertThat(created.get("id"))
        .as("C3: %s with id null is \"no id\": it creates", method)
        .isNotNull();
    assertThat(names(users)).containsExactly("a");
  }

  @ParameterizedTest
  @ValueSource(strings = {"upsert", "updateOrCreate", "patchOrCreate"})
  @ContractSection("C3")
  void upsertWithAnExistingIdPatches(String method) {
    Dao users = define(FORCED);
    Object id = idOf(users.create(row("name", "a", "age", 1, "city", "Oslo")));
    Object other = idOf(users.create(row("name", "b", "age", 2)));

    Map<String, Object> updated = upsertVia(users, method, row("id", id, "age", 30));

    assertThat(updated)
        .as("C3: %s of an existing id patches: unmentioned properties keep their values", method)
        .isEqualTo(row("id", id, "name", "a", "age", 30L, "city", "Oslo"));
    assertThat(stored(users, id)).isEqualTo(updated);
    assertThat(stored(users, other)).as("C3: other records are untouched").containsEntry("age", 2L);
    assertThat(users.count(Where.all())).as("C3: nothing is created").isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"upsert", "updateOrCreate", "patchOrCreate"})
  @ContractSection("C3")
  void upsertWithANewIdCreatesWithThatIdWhenForceIdIsFalse(String method) {
    Dao users = define(OPEN);
    Object vacated = idOf(users.create(row("name", "tmp")));
    users.deleteById(vacated);

    Map<String, Object> created = upsertVia(users, method, row("id", vacated, "name", "a"));

    assertThat(created)
        .as("C3: %s with an id that does not exist creates the record with that id", method)
        .containsEntry("id", vacated)
        .containsEntry("name", "a");
    assertThat(stored(users, vacated)).isEqualTo(created);
    assertThat(users.count(Where.all())).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"upsert", "updateOrCreate", "patchOrCreate"})
  @ContractSection("C3")
  void upsertWithANewIdIsNotFoundWithForceId(String method) {
    Dao users = define(FORCED);
    users.create(row("name", "kept"));
    Object vacated = idOf(users.create(row("name", "tmp")));
    users.deleteById(vacated);

    assertError(
        ErrorCode.ENTITY_NOT_FOUND,
        "C3: with forceId, " + method + " with an id that does not exist is ENTITY_NOT_FOUND",
        () -> upsertVia(users, method, row("id", vacated, "name", "a")));
    assertThat(names(users)).as("C3: nothing is created").containsExactly("kept");
  }

  @ParameterizedTest
  @ValueSource(strings = {"upsert", "replaceOrCreate"})
  @ContractSection("C3")
  void upsertWithAnEmptyStringIdIsAnInvalidArgument(String method) {
    Dao users = define(OPEN);
    users.create(row("name", "a"));

    assertError(
        ErrorCode.INVALID_ARGUMENT,
        "C3: an empty-string id is INVALID_ARGUMENT for every id argument, " + method + " too",
        () -> {
          if (method.equals("upsert")) {
            users.upsert(row("id", "", "name", "b"));
          } else {
            users.replaceOrCreate(row("id", "", "name", "b"));
          }
        });
    assertThat(names(users)).containsExactly("a");
  }

  @Test
  @ContractSection("C3")
  void upsertAsUpdateValidatesThePatch() {
    Dao users = define(FORCED);
    Object id = idOf(users.create(row("name", "a", "age", 1)));

    assertError(
        ErrorCode.VALIDATION_FAILED,
        "C3: upsert of an existing record coerces and validates like a patch",
        () -> users.upsert(row("id", id, "age", "abc")));
    assertThat(stored(users, id)).as("C3: the record is unchanged").containsEntry("age", 1L);
  }

  // ---------------------------------------------------------------- replaceOrCreate

  @Test
  @ContractSection("C3")
  void replaceOrCreateWithoutIdCreates() {
    Dao users = define(FORCED);

    Map<String, Object> created = users.replaceOrCreate(row("name", "a"));

    assertThat(created.get("id")).as("C3: replaceOrCreate without id creates").isNotNull();
    assertThat(stored(users, idOf(created))).isEqualTo(created);
    assertThat(users.count(Where.all())).isEqualTo(1);
  }

  @Test
  @ContractSection("C3")
  void replaceOrCreateWithAnExistingIdReplaces() {
    Dao users = define(OPEN);
    Object id = idOf(users.create(row("name", "a", "age", 1, "city", "Oslo", "status", "old")));

    Map<String, Object> replaced = users.replaceOrCreate(row("id", id, "name", "b"));

    assertThat(replaced)
        .as("C3: replaceOrCreate of an existing id replaces: unmentioned → null, defaults again")
        .isEqualTo(row("id", id, "name", "b", "age", null, "city", null, "status", "new"));
    assertThat(stored(users, id)).isEqualTo(replaced);
    assertThat(users.count(Where.all())).isEqualTo(1);
  }

  @Test
  @ContractSection("C3")
  void replaceOrCreateWithANewIdCreatesWithThatIdWhenForceIdIsFalse() {
    Dao users = define(OPEN);
    Object vacated = idOf(users.create(row("name", "tmp")));
    users.deleteById(vacated);

    Map<String, Object> created = users.replaceOrCreate(row("id", vacated, "name", "a"));

    assertThat(created)
        .as("C3: replaceOrCreate with a new id creates the record with that id")
        .isEqualTo(row("id", vacated, "name", "a", "age", null, "city", null, "status", "new"));
    assertThat(stored(users, vacated)).isEqualTo(created);
  }

  @Test
  @ContractSection("C3")
  void replaceOrCreateWithANewIdIsNotFoundWithForceId() {
    Dao users = define(FORCED);
    Object vacated = idOf(users.create(row("name", "tmp")));
    users.deleteById(vacated);

    assertError(
        ErrorCode.ENTITY_NOT_FOUND,
        "C3: with forceId, replaceOrCreate with an id that does not exist is ENTITY_NOT_FOUND",
        () -> users.replaceOrCreate(row("id", vacated, "name", "a")));
    assertThat(users.count(Where.all())).isZero();
  }

  // ---------------------------------------------------------------- upsertWithWhere

  @Test
  @ContractSection("C3")
  void upsertWithWhereWithEmptyDataIsInvalid() {
    Dao users = define(FORCED);
    users.create(row("name", "a"));

    assertError(
        ErrorCode.INVALID_ARGUMENT,
        "C3: upsertWithWhere with empty data is INVALID_ARGUMENT",
        () -> users.upsertWithWhere(Where.eq("name", "a"), row()));
    assertError(
        ErrorCode.INVALID_ARGUMENT,
        "C3: upsertWithWhere with empty data is INVALID_ARGUMENT, also when nothing matches",
        () -> users.upsertWithWhere(Where.eq("name", "zz"), row()));
    assertThat(names(users)).containsExactly("a");
  }

  @Test
  @ContractSection("C3")
  void upsertWithWhereMatchingNothingCreatesTheDataWithoutTheWhereValues() {
    Dao users = define(FORCED);
    users.create(row("name", "a", "age", 1));

    Map<String, Object> created =
        users.upsertWithWhere(
            Where.and(Where.eq("name", "b"), Where.eq("city", "Oslo")), row("age", 7));

    assertThat(created)
        .as("C3: 0 matches → create(data); the where's values are not copied into it")
        .isEqualTo(row("id", created.get("id"), "name", null, "age", 7L, "city", null));
    assertThat(stored(users, idOf(created))).isEqualTo(created);
    assertThat(users.count(Where.all())).isEqualTo(2);
  }

  @Test
  @ContractSection("C3")
  void upsertWithWhereMatchingOnePatchesIt() {
    Dao users = define(FORCED);
    Object id = idOf(users.create(row("name", "a", "age", 1, "city", "Oslo")));
    Object other = idOf(users.create(row("name", "b", "age", 1)));

    Map<String, Object> updated = users.upsertWithWhere(Where.eq("name", "a"), row("age", 2));

    assertThat(updated)
        .as("C3: 1 match → patch it; unmentioned properties keep their values")
        .isEqualTo(row("id", id, "name", "a", "age", 2L, "city", "Oslo"));
    assertThat(stored(users, id)).isEqualTo(updated);
    assertThat(stored(users, other)).containsEntry("age", 1L);
    assertThat(users.count(Where.all())).isEqualTo(2);
  }

  @Test
  @ContractSection("C3")
  void upsertWithWhereMayChangeThePropertyItMatchedOn() {
    Dao users = define(FORCED);
    Object id = idOf(users.create(row("name", "a", "age", 1)));

    users.upsertWithWhere(Where.eq("name", "a"), row("name", "renamed"));

    assertThat(stored(users, id)).containsEntry("name", "renamed").containsEntry("age", 1L);
    assertThat(users.count(Where.all())).isEqualTo(1);
  }

  @Test
  @ContractSection("C3")
  void upsertWithWhereMatchingSeveralIsInvalidAndChangesNothing() {
    Dao users = define(FORCED);
    users.create(row("name", "a", "city", "Oslo"));
    users.create(row("name", "b", "city", "Oslo"));

    ConnectorException e =
        assertError(
            ErrorCode.INVALID_ARGUMENT,
            "C3: upsertWithWhere matching more than one record is INVALID_ARGUMENT",
            () -> users.upsertWithWhere(Where.eq("city", "Oslo"), row("city", "Rome")));
    assertThat(e.getMessage())
        .as("C3: the message says \"multiple instances found\"")
        .containsIgnoringCase("multiple instances");
    assertThat(e.details())
        .as("C5: the details of several matches carry the model and the where")
        .containsKeys("model", "where")
        .containsEntry("model", users.model().name());
    assertThat(users.count(Where.eq("city", "Oslo"))).as("C3: nothing changed").isEqualTo(2);
    assertThat(users.count(Where.all())).isEqualTo(2);
  }

  @Test
  @ContractSection("C3")
  void upsertWithWhereWithoutWherePatchesTheOnlyRecord() {
    Dao users = define(FORCED);
    Object id = idOf(users.create(row("name", "a")));

    users.upsertWithWhere(null, row("age", 4));

    assertThat(stored(users, id))
        .as("C3: where absent matches every row; one row → patch it")
        .containsEntry("name", "a")
        .containsEntry("age", 4L);
  }

  @Test
  @ContractSection("C3")
  void upsertWithWhereCreateBranchAppliesDefaults() {
    Dao users = define(OPEN);

    Map<String, Object> created = users.upsertWithWhere(Where.eq("name", "x"), row("name", "a"));

    assertThat(created)
        .as("C1.2/C3: the create branch of upsertWithWhere applies defaults")
        .containsEntry("status", "new");
  }

  // ---------------------------------------------------------------- findOrCreate

  @Test
  @ContractSection("C3")
  void findOrCreateReturnsTheFoundRecordWithoutCreating() {
    Dao users = define(FORCED);
    Map<String, Object> existing = users.create(row("name", "a", "age", 1, "city", "Oslo"));
    users.create(row("name", "b", "age", 2));

    UpsertResult result =
        users.findOrCreate(Filter.where(Where.eq("name", "a")), row("name", "a", "age", 99));

    assertThat(result.created()).as("C3: findOrCreate of a match has created = false").isFalse();
    assertThat(result.instance())
        .as("C3: findOrCreate returns the found record as stored, not the data")
        .isEqualTo(existing);
    assertThat(users.count(Where.all())).as("C3: nothing is created").isEqualTo(2);
  }

  @Test
  @ContractSection("C3")
  void findOrCreateCreatesTheDataWhenNothingMatches() {
    Dao users = define(OPEN);
    users.create(row("name", "a"));

    UpsertResult result =
        users.findOrCreate(Filter.where(Where.eq("name", "b")), row("name", "b", "age", 5));

    assertThat(result.created()).as("C3: findOrCreate without match has created = true").isTrue();
    assertThat(result.instance())
        .as("C3: the created entity, id included and defaults applied")
        .isEqualTo(
            row(
                "id",
                result.instance().get("id"),
                "name",
                "b",
                "age",
                5L,
                "city",
                null,
                "status",
                "new"));
    assertThat(result.instance().get("id")).isNotNull();
    assertThat(stored(users, result.instance().get("id"))).isEqualTo(result.instance());
    assertThat(users.count(Where.all())).isEqualTo(2);
  }

  @Test
  @ContractSection("C3")
  void findOrCreateFindsTheFirstMatchInTheFilterOrder() {
    Dao users = define(FORCED);
    users.create(row("name", "a", "age", 1));
    users.create(row("name", "b", "age", 2));
    users.create(row("name", "c", "age", 3));

    // The first match by the order has the highest id, so id order (or no order) finds another.
    UpsertResult result =
        users.findOrCreate(
            Filter.builder().where(Where.gte("age", 2)).order("age DESC").build(),
            row("name", "z"));
    UpsertResult ascending =
        users.findOrCreate(
            Filter.builder().where(Where.gte("age", 1)).order("name DESC").build(),
            row("name", "z"));

    assertThat(result.created()).isFalse();
    assertThat(result.instance())
        .as("C3: findOrCreate returns the first record of the filter, order honoured")
        .containsEntry("name", "c");
    assertThat(ascending.instance())
        .as("C3: findOrCreate finds what findOne(filter) finds: the first by the order")
        .containsEntry("name", "c");
  }

  @Test
  @ContractSection("C3")
  void findOrCreateWithoutFilterOnAnEmptyModelCreates() {
    Dao users = define(FORCED);

    UpsertResult first = users.findOrCreate(null, row("name", "a"));
    UpsertResult second = users.findOrCreate(null, row("name", "b"));

    assertThat(first.created()).as("C3: no records: findOrCreate creates").isTrue();
    assertThat(second.created()).as("C3: a record exists: findOrCreate finds it").isFalse();
    assertThat(second.instance()).isEqualTo(first.instance());
    assertThat(names(users)).containsExactly("a");
  }

  @Test
  @ContractSection("C3")
  void findOrCreateValidatesTheDataItCreates() {
    Dao users = define(FORCED);

    assertError(
        ErrorCode.VALIDATION_FAILED,
        "C3: findOrCreate validates the data it creates",
        () ->
            users.findOrCreate(
                Filter.where(Where.eq("name", "a")), row("name", "a", "age", "abc")));
    assertThat(users.count(Where.all())).as("C3: nothing is written").isZero();
  }

  @Test
  @ContractSection("C3")
  void findOrCreateWithForceIdRejectsAClientIdInTheData() {
    Dao users = define(FORCED);

    assertError(
        ErrorCode.VALIDATION_FAILED,
        "C1.2/C3: the create branch of findOrCreate enforces forceId",
        () -> users.findOrCreate(Filter.where(Where.eq("name", "a")), row("id", 5, "name", "a")));
    assertThat(users.count(Where.all())).isZero();
  }
}
