package io.connectorkit.tck;

import static io.connectorkit.tck.CrudFixtures.idOf;
import static io.connectorkit.tck.CrudFixtures.row;
import static io.connectorkit.tck.CrudFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** C1.2 model rules: ids, forceId, strict, required, defaults, hidden. */
public abstract class ModelRulesTck extends TckSection {
  private static final String UUID_PATTERN =
      "(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private static final String PLAIN =
      """
      {"name": "TckPlain", "properties": {"name": "string"}}
      """;

  private static final String CLIENT_IDS =
      """
      {"name": "TckClientIds", "forceId": false, "properties": {"name": "string"}}
      """;

  private static final String GENERATED_NUMBERS =
      """
      {"name": "TckSequence", "forceId": false, "properties": {
        "id": {"type": "number", "id": true, "generated": true},
        "name": "string"}}
      """;

  private static final String COMPOSITE =
      """
      {"name": "TckLine", "properties": {
        "orderId": {"type": "number", "id": 1},
        "lineNo": {"type": "number", "id": 2},
        "qty": "number"}}
      """;

  private static final String NO_ID =
      """
      {"name": "TckLog", "idInjection": false, "properties": {"msg": "string"}}
      """;

  private static final String REQUIRED =
      """
      {"name": "TckRequired", "properties": {
        "name": {"type": "string", "required": true},
        "age": "number"}}
      """;

  private static final String DEFAULTS =
      """
      {"name": "TckDefaults", "forceId": false, "properties": {
        "name": "string",
        "status": {"type": "string", "default": "new"},
        "vip": {"type": "boolean", "default": false},
        "score": {"type": "number", "default": 7},
        "createdAt": {"type": "date", "defaultFn": "now"},
        "uid": {"type": "string", "defaultFn": "uuid"},
        "uid4": {"type": "string", "defaultFn": "uuidv4"},
        "gid": {"type": "string", "defaultFn": "guid"}}}
      """;

  private static final String FREE_FORM =
      """
      {"name": "TckFree", "strict": false, "properties": {"name": "string"}}
      """;

  private static final String HIDDEN =
      """
      {"name": "TckSecret", "properties": {"name": "string", "secret": "string"},
       "hidden": ["secret"]}
      """;

  protected ModelRulesTck(ConnectorTck tck) {
    super(tck);
  }

  // ---------------------------------------------------------------- id injection

  @Test
  @ContractSection("C1.2")
  void modelWithoutIdGetsAnInjectedIdProperty() {
    define(PLAIN);

    ModelDefinition model = db.model("TckPlain");
    assertThat(model.idProperties())
        .as("C1.2: a model without an id property gets an injected `id`")
        .extracting(PropertyDefinition::name)
        .containsExactly("id");
    assertThat(model.idProperties().get(0).generated())
        .as("C1.2: the injected id is generated")
        .isTrue();
  }

  @Test
  @ContractSection("C1.2")
  void injectedIdIsGeneratedOnCreateAndReturned() {
    Dao plain = define(PLAIN);

    Map<String, Object> created = plain.create(row("name", "a"));

    assertThat(created.get("id")).as("C1.2: create returns the generated injected id").isNotNull();
    assertThat(stored(plain, created.get("id")))
        .as("C1.2: the record can be read back by its generated id")
        .containsEntry("name", "a");
  }

  @Test
  @ContractSection("C1.2")
  void injectedIdsAreUnique() {
    Dao plain = define(PLAIN);

    Set<Object> ids = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      ids.add(plain.create(row("name", "n" + i)).get("id"));
    }

    assertThat(ids).as("C1.2: 20 creates get 20 distinct ids").hasSize(20).doesNotContainNull();
    assertThat(plain.find(Filter.ALL))
        .as("C1.2: every result lists the injected id")
        .allSatisfy(r -> assertThat(r.get("id")).isNotNull());
  }

  @Test
  @ContractSection("C1.2")
  void modelDeclaringAnIdGetsNoInjectedId() {
    define(COMPOSITE);

    assertThat(db.model("TckLine").properties())
        .as("C1.2: a model that declares an id gets no injected `id`")
        .doesNotContainKey("id");
  }

  // ---------------------------------------------------------------- generated numeric ids

  @Test
  @ContractSection("C1.2")
  void generatedNumericIdsStartAtOneAndAreSequential() {
    assumeFeature(Feature.NUMERIC_IDS, "generated number ids");
    Dao sequence = define(GENERATED_NUMBERS);

    List<Object> ids = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      ids.add(sequence.create(row("name", name)).get("id"));
    }

    assertThat(ids)
        .as("C1.2: on an empty, fresh store sequential creates get ids 1, 2, 3")
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  @ContractSection("C1.2")
  void eachModelHasItsOwnIdSequence() {
    assumeFeature(Feature.NUMERIC_IDS, "generated number ids");
    Dao first = define(GENERATED_NUMBERS);
    Dao second = define(GENERATED_NUMBERS.replace("TckSequence", "TckSequenceTwo"));

    List<Object> firstIds = new ArrayList<>();
    List<Object> secondIds = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      firstIds.add(first.create(row("name", name)).get("id"));
      secondIds.add(second.create(row("name", name)).get("id"));
    }

    assertThat(firstIds)
        .as(
            "C1.2: creates interleaved with another model's still get 1, 2, 3 (one sequence per"
                + " model)")
        .containsExactly(1L, 2L, 3L);
    assertThat(secondIds)
        .as("C1.2: a second model of the same datasource has its own sequence: 1, 2, 3")
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  @ContractSection("C1.2")
  void injectedNumericIdsStartAtOneAndAreSequential() {
    assumeFeature(Feature.NUMERIC_IDS, "generated number ids");
    Dao plain = define(PLAIN);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        db.model("TckPlain").idProperties().get(0).type().equals(PropertyType.NUMBER),
        "prerequisite: the connector's injected id type is number");

    List<Object> ids = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      ids.add(plain.create(row("name", name)).get("id"));
    }

    assertThat(ids)
        .as("C1.2: injected number ids on an empty, fresh store are 1, 2, 3")
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  @ContractSection("C1.2")
  void nextGeneratedIdFollowsAnExplicitId() {
    assumeFeature(Feature.NUMERIC_IDS, "generated number ids");
    Dao sequence = define(GENERATED_NUMBERS);

    sequence.create(row("id", 10, "name", "explicit"));
    Object next = sequence.create(row("name", "generated")).get("id");

    assertThat(next)
        .as("C1.2: after an explicit id 10, the next generated id is 11")
        .isEqualTo(11L);
  }

  @Test
  @ContractSection("C1.2")
  void generatedIdIsGreaterThanEveryPresentId() {
    assumeFeature(Feature.NUMERIC_IDS, "generated number ids");
    Dao sequence = define(GENERATED_NUMBERS);

    sequence.create(row("name", "first"));
    sequence.create(row("id", 40, "name", "high"));
    sequence.create(row("id", 7, "name", "low"));
    Object next = sequence.create(row("name", "generated")).get("id");

    assertThat(next)
        .as("C1.2: a generated id is greater than every id present (40), so 41")
        .isEqualTo(41L);
  }

  // ---------------------------------------------------------------- composite ids

  @Test
  @ContractSection("C1.2")
  void compositeIdFindsByAnObjectOfItsParts() {
    Dao lines = define(COMPOSITE);
    lines.create(row("orderId", 1, "lineNo", 1, "qty", 10));
    lines.create(row("orderId", 1, "lineNo", 2, "qty", 20));
    lines.create(row("orderId", 2, "lineNo", 1, "qty", 30));

    assertThat(lines.findById(row("orderId", 1, "lineNo", 2)))
        .as("C1.2: findById of a composite id takes an object of its parts")
        .hasValueSatisfying(r -> assertThat(r).containsEntry("qty", 20L));
    assertThat(lines.findById(row("orderId", 2, "lineNo", 2)))
        .as("C1.2: a composite id that matches no record finds nothing")
        .isEmpty();
  }

  @Test
  @ContractSection("C1.2")
  void compositeIdIsUniqueOnlyAsAWhole() {
    Dao lines = define(COMPOSITE);
    lines.create(row("orderId", 7, "lineNo", 41, "qty", 10));
    lines.create(row("orderId", 7, "lineNo", 42, "qty", 20));

    ConnectorException e =
        assertError(
            ErrorCode.DUPLICATE_KEY,
            "C1.2/C5: a record with the same composite id is a duplicate",
            () -> lines.create(row("orderId", 7, "lineNo", 42, "qty", 99)));
    assertThat(e.getMessage())
        .as("C5: the message names the duplicate composite id's values")
        .contains("7")
        .contains("42");
    assertThat(lines.count(Where.all()))
        .as("C1.2: parts may repeat while the whole id differs; the duplicate is not written")
        .isEqualTo(2);
  }

  @Test
  @ContractSection("C1.2")
  void compositeIdWorksWithUpdateExistsAndDeleteById() {
    Dao lines = define(COMPOSITE);
    lines.create(row("orderId", 1, "lineNo", 1, "qty", 10));
    lines.create(row("orderId", 1, "lineNo", 2, "qty", 20));
    Map<String, Object> key = row("orderId", 1, "lineNo", 2);

    lines.updateById(key, row("qty", 21));
    assertThat(stored(lines, key))
        .as("C1.2: updateById with a composite id patches that record")
        .containsEntry("qty", 21L);
    assertThat(stored(lines, row("orderId", 1, "lineNo", 1)))
        .as("C1.2: the other record is untouched")
        .containsEntry("qty", 10L);
    assertThat(lines.exists(key)).as("C1.2: exists with a composite id").isTrue();
    assertThat(lines.deleteById(key)).as("C1.2: deleteById with a composite id").isEqualTo(1);
    assertThat(lines.exists(key)).as("C1.2: the deleted record no longer exists").isFalse();
    assertThat(lines.count(Where.all())).isEqualTo(1);
  }

  @Test
  @ContractSection("C1.2")
  void compositeIdWithAMissingPartIsAnInvalidArgument() {
    Dao lines = define(COMPOSITE);
    lines.create(row("orderId", 1, "lineNo", 1, "qty", 10));

    assertError(
        ErrorCode.INVALID_ARGUMENT,
        "C1.2/C3: a composite id argument missing a part is a null id: INVALID_ARGUMENT",
        () -> lines.findById(row("orderId", 1)));
    assertError(
        ErrorCode.INVALID_ARGUMENT,
        "C1.2/C3: a composite id argument with a null part is INVALID_ARGUMENT",
        () -> lines.deleteById(row("orderId", 1, "lineNo", null)));
    assertThat(lines.count(Where.all())).isEqualTo(1);
  }

  // ---------------------------------------------------------------- forceId

  @Test
  @ContractSection("C1.2")
  void forceIdByDefaultRejectsAClientIdOnCreate() {
    Dao plain = define(PLAIN);

    ConnectorException e =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C1.2: with a generated id, forceId defaults to true: create({id: 5}) is refused",
            () -> plain.create(row("id", 5, "name", "a")));

    assertThat(e.getMessage())
        .as("C1.2: the message says the id can't be set")
        .contains("can't be set");
    assertThat(e.details()).as("C1.2/C5: the details name the id property").containsKey("id");
    assertThat(plain.count(Where.all())).as("C1.2: nothing is written").isZero();
  }

  @Test
  @ContractSection("C1.2")
  void forceIdByDefaultRejectsAClientIdOnAnExplicitGeneratedId() {
    Dao sequence =
        define(
            """
            {"name": "TckGen", "properties": {
              "id": {"type": "number", "id": true, "generated": true}, "name": "string"}}
            """);

    ConnectorException e =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C1.2: a declared generated id defaults to forceId true",
            () -> sequence.create(row("id", 5, "name", "a")));
    assertThat(e.getMessage()).contains("can't be set");
    assertThat(sequence.count(Where.all())).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"createAll", "upsertWithWhere", "findOrCreate"})
  @ContractSection("C1.2")
  void forceIdRejectsAClientIdOnEveryCreateBranch(String operation) {
    Dao plain = define(PLAIN);
    Object vacated = idOf(plain.create(row("name", "tmp")));
    plain.deleteById(vacated);

    ConnectorException e =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C1.2: with forceId, the create branch of " + operation + " refuses a client id",
            () -> {
              switch (operation) {
                case "createAll" -> plain.createAll(List.of(row("id", vacated, "name", "a")));
                case "upsertWithWhere" ->
                    plain.upsertWithWhere(Where.eq("name", "a"), row("id", vacated, "name", "a"));
                case "findOrCreate" ->
                    plain.findOrCreate(
                        Filter.where(Where.eq("name", "a")), row("id", vacated, "name", "a"));
                default -> throw new IllegalArgumentException(operation);
              }
            });
    assertThat(e.getMessage()).contains("can't be set");
    assertThat(plain.count(Where.all())).as("C1.2: nothing is created").isZero();
  }

  @Test
  @ContractSection("C1.2")
  void forceIdStillAllowsReplaceOrCreateOfAnExistingId() {
    Dao plain = define(PLAIN);
    Object id = idOf(plain.create(row("name", "a")));

    assertThat(plain.replaceOrCreate(row("id", id, "name", "b")))
        .as("C1.2: forceId concerns new records only; an existing id is replaced")
        .isEqualTo(row("id", id, "name", "b"));
    assertThat(plain.count(Where.all())).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"upsert", "replaceOrCreate"})
  @ContractSection("C1.2")
  void forceIdMakesAnUnknownIdInUpsertNotFound(String operation) {
    Dao plain = define(PLAIN);
    Object vacated = idOf(plain.create(row("name", "tmp")));
    plain.deleteById(vacated);

    assertError(
        ErrorCode.ENTITY_NOT_FOUND,
        "C1.2: with forceId, " + operation + " with an id that does not exist is ENTITY_NOT_FOUND",
        () -> {
          if (operation.equals("upsert")) {
            plain.upsert(row("id", vacated, "name", "b"));
          } else {
            plain.replaceOrCreate(row("id", vacated, "name", "b"));
          }
        });
    assertThat(plain.count(Where.all())).as("C1.2: nothing is created").isZero();
  }

  @Test
  @ContractSection("C1.2")
  void forceIdFalseAllowsAClientChosenId() {
    Dao clientIds = define(CLIENT_IDS);
    Object vacated = idOf(clientIds.create(row("name", "tmp")));
    clientIds.deleteById(vacated);

    Map<String, Object> created = clientIds.create(row("id", vacated, "name", "mine"));

    assertThat(created.get("id"))
        .as("C1.2: forceId false: create keeps the client's id")
        .isEqualTo(vacated);
    assertThat(stored(clientIds, vacated)).containsEntry("name", "mine");
  }

  @Test
  @ContractSection("C1.2")
  void forceIdFalseAllowsAClientNumberIdOnAGeneratedNumberId() {
    assumeFeature(Feature.NUMERIC_IDS, "generated number ids");
    Dao sequence = define(GENERATED_NUMBERS);

    Map<String, Object> created = sequence.create(row("id", 5, "name", "mine"));

    assertThat(created.get("id")).as("C1.2: forceId false keeps id 5").isEqualTo(5L);
    assertThat(stored(sequence, 5L)).containsEntry("name", "mine");
  }

  @Test
  @ContractSection("C1.2")
  void aNonGeneratedIdIsChosenByTheClient() {
    Dao codes =
        define(
            """
            {"name": "TckCode", "properties": {
              "code": {"type": "string", "id": true}, "label": "string"}}
            """);

    Map<String, Object> created = codes.create(row("code", "x-1", "label", "one"));

    assertThat(created)
        .as("C1.2: forceId defaults to false for an id that is not generated")
        .containsEntry("code", "x-1");
    assertThat(stored(codes, "x-1")).containsEntry("label", "one");
  }

  // ---------------------------------------------------------------- models without id

  @Test
  @ContractSection("C1.2")
  void modelWithoutIdStoresAndFindsRecords() {
    Dao log = define(NO_ID);

    log.create(row("msg", "a"));
    log.create(row("msg", "b"));

    assertThat(db.model("TckLog").hasId())
        .as("C1.2: idInjection false and no id property: the model has no id")
        .isFalse();
    assertThat(log.find(Filter.ALL))
        .as("C1.2: records of a model without id are stored and found, listing no id")
        .extracting(r -> r.get("msg"))
        .containsExactlyInAnyOrder("a", "b");
    assertThat(log.count(Where.eq("msg", "a"))).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "findById",
        "exists",
        "updateById",
        "replaceById",
        "deleteById",
        "upsert",
        "replaceOrCreate"
      })
  @ContractSection("C1.2")
  void idOperationsOnAModelWithoutIdAreInvalid(String operation) {
    Dao log = define(NO_ID);
    log.create(row("msg", "a"));

    ConnectorException e =
        assertError(
            ErrorCode.INVALID_ARGUMENT,
            "C1.2: " + operation + " on a model without id is INVALID_ARGUMENT",
            () -> {
              switch (operation) {
                case "findById" -> log.findById(1);
                case "exists" -> log.exists(1);
                case "updateById" -> log.updateById(1, row("msg", "x"));
                case "replaceById" -> log.replaceById(1, row("msg", "x"));
                case "deleteById" -> log.deleteById(1);
                case "upsert" -> log.upsert(row("msg", "x"));
                case "replaceOrCreate" -> log.replaceOrCreate(row("msg", "x"));
                default -> throw new IllegalArgumentException(operation);
              }
            });
    assertThat(e.getMessage())
        .as("C1.2: the message is \"model X has no id property\"")
        .contains("has no id property")
        .contains("TckLog");
    assertThat(e.details())
        .as("C5: the details of a model without id carry the model and the operation")
        .containsKeys("model", "operation")
        .containsEntry("model", "TckLog");
    assertThat(log.find(Filter.ALL))
        .as("C1.2: the refused operation changed nothing")
        .extracting(r -> r.get("msg"))
        .containsExactly("a");
  }

  // ---------------------------------------------------------------- strict

  @ParameterizedTest
  @ValueSource(
      strings = {
        "create",
        "createAll",
        "updateById",
        "replaceById",
        "updateAll",
        "upsert",
        "replaceOrCreate",
        "upsertWithWhere",
        "findOrCreate"
      })
  @ContractSection("C1.2")
  void strictModelRejectsAnUndeclaredPropertyOnEveryWrite(String operation) {
    Dao plain = define(PLAIN);
    Object id = idOf(plain.create(row("name", "a")));

    ConnectorException e =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C1.2: strict (the default): " + operation + " with an undeclared property fails",
            () -> {
              switch (operation) {
                case "create" -> plain.create(row("name", "b", "foo", 1));
                case "createAll" -> plain.createAll(List.of(row("name", "b", "foo", 1)));
                case "updateById" -> plain.updateById(id, row("foo", 1));
                case "replaceById" -> plain.replaceById(id, row("name", "b", "foo", 1));
                case "updateAll" -> plain.updateAll(Where.all(), row("foo", 1));
                case "upsert" -> plain.upsert(row("id", id, "foo", 1));
                case "replaceOrCreate" -> plain.replaceOrCreate(row("id", id, "foo", 1));
                case "upsertWithWhere" ->
                    plain.upsertWithWhere(Where.eq("name", "a"), row("foo", 1));
                case "findOrCreate" ->
                    plain.findOrCreate(
                        Filter.where(Where.eq("name", "b")), row("name", "b", "foo", 1));
                default -> throw new IllegalArgumentException(operation);
              }
            });
    assertThat(e.getMessage())
        .as("C1.2: the message says `foo` is not defined in the model")
        .contains("`foo` is not defined in the model");
    assertThat(CrudFixtures.propertyDetails(e, operation.equals("createAll")))
        .as("C5: the details name the property")
        .containsKey("foo");
    assertThat(plain.find(Filter.ALL))
        .as("C1.2: the refused write changed nothing")
        .containsExactly(row("id", id, "name", "a"));
  }

  @Test
  @ContractSection("C1.2")
  void explicitStrictTrueRejectsAnUndeclaredProperty() {
    Dao strict =
        define(
            """
            {"name": "TckStrict", "strict": true, "properties": {"name": "string"}}
            """);

    ConnectorException e =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C1.2: strict true rejects an undeclared property",
            () -> strict.create(row("name", "a", "foo", "bar")));
    assertThat(e.getMessage()).contains("`foo` is not defined in the model");
    assertThat(strict.count(Where.all())).isZero();
  }

  @Test
  @ContractSection(
      value = "C1.2",
      features = {Feature.FREE_FORM_PROPERTIES})
  void strictFalseStoresUndeclaredProperties() {
    if (!supports(Feature.FREE_FORM_PROPERTIES)) {
      assertUnsupported(Feature.FREE_FORM_PROPERTIES, () -> db.define(FREE_FORM));
      return;
    }
    Dao free = define(FREE_FORM);

    Map<String, Object> created =
        free.create(row("name", "a", "foo", "bar", "tags", List.of("x", "y")));
    Object id = idOf(created);

    assertThat(created)
        .as("C1.2: strict false: create returns the undeclared properties")
        .containsEntry("foo", "bar")
        .containsEntry("tags", List.of("x", "y"));
    assertThat(stored(free, id))
        .as("C1.2: strict false stores undeclared properties")
        .containsEntry("name", "a")
        .containsEntry("foo", "bar")
        .containsEntry("tags", List.of("x", "y"));
  }

  @Test
  @ContractSection(
      value = "C1.2",
      features = {Feature.FREE_FORM_PROPERTIES})
  void strictFalsePatchesUndeclaredProperties() {
    if (!supports(Feature.FREE_FORM_PROPERTIES)) {
      assertUnsupported(Feature.FREE_FORM_PROPERTIES, () -> db.define(FREE_FORM));
      return;
    }
    Dao free = define(FREE_FORM);
    Object id = idOf(free.create(row("name", "a", "foo", "bar")));

    free.updateById(id, row("foo", "baz", "extra", "e"));

    assertThat(stored(free, id))
        .as("C1.2: a patch of a strict: false model stores undeclared properties")
        .containsEntry("name", "a")
        .containsEntry("foo", "baz")
        .containsEntry("extra", "e");
  }

  @Test
  @ContractSection(
      value = "C1.2",
      features = {Feature.FREE_FORM_PROPERTIES})
  void strictFalseModelIsDefinedOnlyWithFreeFormProperties() {
    if (supports(Feature.FREE_FORM_PROPERTIES)) {
      assertThat(db.define(FREE_FORM).strict())
          .as("C1.2: a connector with FREE_FORM_PROPERTIES defines a strict: false model")
          .isFalse();
    } else {
      assertUnsupported(Feature.FREE_FORM_PROPERTIES, () -> db.define(FREE_FORM));
      assertError(
          ErrorCode.MODEL_NOT_FOUND,
          "C1.2: a refused strict: false model is not defined",
          () -> db.dao("TckFree"));
    }
  }

  // ---------------------------------------------------------------- required

  @ParameterizedTest
  @ValueSource(
      strings = {
        "create",
        "createAll",
        "upsert",
        "replaceOrCreate",
        "upsertWithWhere",
        "findOrCreate"
      })
  @ContractSection("C1.2")
  void requiredPropertyAbsentFailsEveryCreate(String operation) {
    Dao required = define(REQUIRED);

    ConnectorException e =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C1.2: " + operation + " creating a record without a required property fails",
            () -> {
              switch (operation) {
                case "create" -> required.create(row("age", 3));
                case "createAll" -> required.createAll(List.of(row("age", 3)));
                case "upsert" -> required.upsert(row("age", 3));
                case "replaceOrCreate" -> required.replaceOrCreate(row("age", 3));
                case "upsertWithWhere" ->
                    required.upsertWithWhere(Where.eq("age", 3), row("age", 3));
                case "findOrCreate" ->
                    required.findOrCreate(Filter.where(Where.eq("age", 3)), row("age", 3));
                default -> throw new IllegalArgumentException(operation);
              }
            });
    assertThat(e.getMessage()).as("C1.2: \"can't be blank\"").contains("can't be blank");
    assertThat(CrudFixtures.propertyDetails(e, operation.equals("createAll")))
        .as("C5: details keyed by the property")
        .containsKey("name");
    assertThat(required.count(Where.all())).as("C1.2: nothing is written").isZero();
  }

  @Test
  @ContractSection("C1.2")
  void requiredPropertyExplicitNullFailsCreate() {
    Dao required = define(REQUIRED);

    ConnectorException e =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C1.2: create with a required property null fails",
            () -> required.create(row("name", null, "age", 3)));
    assertThat(e.getMessage()).contains("can't be blank");
    assertThat(e.details()).containsKey("name");
    assertThat(required.count(Where.all())).isZero();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  @ContractSection("C1.2")
  void requiredPropertyAbsentOrNullFailsReplace(boolean explicitNull) {
    Dao required = define(REQUIRED);
    Object id = idOf(required.create(row("name", "a", "age", 1)));
    Map<String, Object> replacement = explicitNull ? row("name", null, "age", 2) : row("age", 2);

    ConnectorException e =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C1.2: replaceById with the required property "
                + (explicitNull ? "null" : "absent")
                + " fails",
            () -> required.replaceById(id, replacement));
    assertThat(e.getMessage()).contains("can't be blank");
    assertThat(stored(required, id))
        .as("C1.2: the record is unchanged")
        .containsEntry("name", "a")
        .containsEntry("age", 1L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"updateById", "updateAll", "upsert", "upsertWithWhere"})
  @ContractSection("C1.2")
  void requiredPropertySetToNullFailsEveryPatch(String operation) {
    Dao required = define(REQUIRED);
    Object id = idOf(required.create(row("name", "a", "age", 1)));

    ConnectorException e =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C1.2: " + operation + " setting a required property to null fails",
            () -> {
              switch (operation) {
                case "updateById" -> required.updateById(id, row("name", null));
                case "updateAll" -> required.updateAll(Where.all(), row("name", null));
                case "upsert" -> required.upsert(row("id", id, "name", null));
                case "upsertWithWhere" ->
                    required.upsertWithWhere(Where.eq("age", 1), row("name", null));
                default -> throw new IllegalArgumentException(operation);
              }
            });
    assertThat(e.getMessage()).contains("can't be blank");
    assertThat(e.details()).containsKey("name");
    assertThat(stored(required, id)).as("C1.2: the record is unchanged").containsEntry("name", "a");
  }

  @ParameterizedTest
  @ValueSource(strings = {"updateById", "updateAll", "upsert", "upsertWithWhere"})
  @ContractSection("C1.2")
  void patchNotMentioningARequiredPropertySucceeds(String operation) {
    Dao required = define(REQUIRED);
    Object id = idOf(required.create(row("name", "a", "age", 1)));

    switch (operation) {
      case "updateById" -> required.updateById(id, row("age", 2));
      case "updateAll" -> required.updateAll(Where.all(), row("age", 2));
      case "upsert" -> required.upsert(row("id", id, "age", 2));
      case "upsertWithWhere" -> required.upsertWithWhere(Where.eq("age", 1), row("age", 2));
      default -> throw new IllegalArgumentException(operation);
    }

    assertThat(stored(required, id))
        .as("C1.2: a patch that does not mention a required property is fine")
        .containsEntry("name", "a")
        .containsEntry("age", 2L);
  }

  // ---------------------------------------------------------------- defaults

  @ParameterizedTest
  @ValueSource(
      strings = {
        "create",
        "createAll",
        "upsertWithoutId",
        "upsertWithNewId",
        "replaceOrCreateWithoutId",
        "replaceOrCreateWithNewId",
        "upsertWithWhere",
        "findOrCreate"
      })
  @ContractSection("C1.2")
  void defaultsApplyWheneverARecordIsCreated(String operation) {
    Dao dao = define(DEFAULTS);
    Object vacated = idOf(dao.create(row("name", "tmp")));
    dao.deleteById(vacated);
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    Map<String, Object> created =
        switch (operation) {
          case "create" -> dao.create(row("name", "a"));
          case "createAll" -> dao.createAll(List.of(row("name", "a"))).get(0);
          case "upsertWithoutId" -> dao.upsert(row("name", "a"));
          case "upsertWithNewId" -> dao.upsert(row("id", vacated, "name", "a"));
          case "replaceOrCreateWithoutId" -> dao.replaceOrCreate(row("name", "a"));
          case "replaceOrCreateWithNewId" -> dao.replaceOrCreate(row("id", vacated, "name", "a"));
          case "upsertWithWhere" -> dao.upsertWithWhere(Where.eq("name", "zzz"), row("name", "a"));
          case "findOrCreate" ->
              dao.findOrCreate(Filter.where(Where.eq("name", "a")), row("name", "a")).instance();
          default -> throw new IllegalArgumentException(operation);
        };
    Instant after = Instant.now();

    assertThat(dao.count(Where.all())).as("C1.2: %s created one record", operation).isEqualTo(1);
    for (Map<String, Object> record : List.of(created, stored(dao, idOf(created)))) {
      assertThat(record).containsEntry("name", "a");
      assertDefaultsApplied(record, before, after, "C1.2: " + operation + " applies defaults");
    }
  }

  @Test
  @ContractSection("C1.2")
  void defaultFnUuidGivesEachRecordADifferentValue() {
    Dao dao = define(DEFAULTS);

    Map<String, Object> first = dao.create(row("name", "a"));
    Map<String, Object> second = dao.create(row("name", "b"));

    for (String property : List.of("uid", "uid4", "gid")) {
      assertThat(first.get(property))
          .as("C1.2: defaultFn of %s gives every record its own value", property)
          .isNotEqualTo(second.get(property));
    }
  }

  @Test
  @ContractSection("C1.2")
  void anExplicitValueOrNullOverridesTheDefault() {
    Dao dao = define(DEFAULTS);
    Instant when = Instant.parse("2001-02-03T04:05:06.789Z");

    Map<String, Object> created =
        dao.create(
            row(
                "name",
                "a",
                "status",
                "given",
                "vip",
                null,
                "score",
                null,
                "createdAt",
                when,
                "uid",
                null,
                "uid4",
                "mine",
                "gid",
                null));

    for (Map<String, Object> record : List.of(created, stored(dao, idOf(created)))) {
      assertThat(record)
          .as("C1.2: a default fills an absent property only; an explicit null stays null")
          .containsEntry("status", "given")
          .containsEntry("vip", null)
          .containsEntry("score", null)
          .containsEntry("createdAt", when)
          .containsEntry("uid", null)
          .containsEntry("uid4", "mine")
          .containsEntry("gid", null);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"updateById", "updateAll", "upsert", "upsertWithWhere"})
  @ContractSection("C1.2")
  void defaultsAreNeverAppliedByAPatch(String operation) {
    Dao dao = define(DEFAULTS);
    Object id = idOf(dao.create(allDefaultedNull("a")));

    switch (operation) {
      case "updateById" -> dao.updateById(id, row("name", "b"));
      case "updateAll" -> dao.updateAll(Where.eq("name", "a"), row("name", "b"));
      case "upsert" -> dao.upsert(row("id", id, "name", "b"));
      case "upsertWithWhere" -> dao.upsertWithWhere(Where.eq("name", "a"), row("name", "b"));
      default -> throw new IllegalArgumentException(operation);
    }

    Map<String, Object> expected = allDefaultedNull("b");
    expected.put("id", id);
    assertThat(stored(dao, id))
        .as("C1.2: %s patches; it never applies defaults", operation)
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"replaceById", "replaceOrCreate"})
  @ContractSection("C1.2")
  void defaultsAreAppliedAgainOnReplace(String operation) {
    Dao dao = define(DEFAULTS);
    Object id =
        idOf(dao.create(row("name", "a", "status", "old", "vip", true, "score", 1, "uid", null)));
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    Map<String, Object> replaced =
        operation.equals("replaceById")
            ? dao.replaceById(id, row("name", "b"))
            : dao.replaceOrCreate(row("id", id, "name", "b"));
    Instant after = Instant.now();

    assertThat(dao.count(Where.all())).isEqualTo(1);
    for (Map<String, Object> record : List.of(replaced, stored(dao, id))) {
      assertThat(record).containsEntry("id", id).containsEntry("name", "b");
      assertDefaultsApplied(
          record, before, after, "C1.2: " + operation + " applies defaults again");
    }
  }

  // ---------------------------------------------------------------- strictDelete

  @Test
  @ContractSection("C1.2")
  void strictDeleteMakesDeletingAMissingIdNotFound() {
    Dao strict =
        define(
            """
            {"name": "TckStrictDelete", "strictDelete": true, "properties": {"name": "string"}}
            """);
    Object id = idOf(strict.create(row("name", "a")));

    assertThat(strict.deleteById(id)).as("C1.2: deleting an existing id deletes it").isEqualTo(1);
    assertError(
        ErrorCode.ENTITY_NOT_FOUND,
        "C1.2: strictDelete: deleteById of a missing id is ENTITY_NOT_FOUND",
        () -> strict.deleteById(id));
  }

  // ---------------------------------------------------------------- hidden

  @Test
  @ContractSection("C1.2")
  void hiddenPropertiesAreStoredAndQueryableButNeverReturned() {
    Dao secrets = define(HIDDEN);
    Map<String, Object> created = secrets.create(row("name", "a", "secret", "s3"));
    secrets.create(row("name", "b", "secret", "other"));
    Object id = idOf(created);

    assertThat(created)
        .as("C1.2: create never returns a hidden property")
        .doesNotContainKey("secret");
    assertThat(secrets.find(Filter.where(Where.eq("secret", "s3"))))
        .as("C1.2: a hidden property is stored and can be queried, but is not returned")
        .containsExactly(row("id", id, "name", "a"));
    assertThat(secrets.count(Where.eq("secret", "s3"))).isEqualTo(1);
    assertThat(secrets.findOne(Filter.where(Where.eq("secret", "other"))))
        .hasValueSatisfying(r -> assertThat(r).doesNotContainKey("secret"));
    assertThat(stored(secrets, id)).doesNotContainKey("secret");
  }

  @Test
  @ContractSection("C1.2")
  void hiddenPropertiesAreNotReturnedByWritesAndSurviveAPatch() {
    Dao secrets = define(HIDDEN);
    Object id = idOf(secrets.create(row("name", "a", "secret", "s3")));

    List<Map<String, Object>> results = new ArrayList<>();
    results.add(secrets.updateById(id, row("name", "b")));
    results.add(secrets.upsert(row("id", id, "name", "c")));
    results.add(secrets.upsertWithWhere(Where.eq("name", "c"), row("name", "d")));
    results.add(
        secrets.findOrCreate(Filter.where(Where.eq("name", "d")), row("name", "d")).instance());

    assertThat(results)
        .as("C1.2: no write result lists a hidden property")
        .allSatisfy(r -> assertThat(r).doesNotContainKey("secret"));
    assertThat(secrets.count(Where.and(Where.eq("secret", "s3"), Where.eq("name", "d"))))
        .as("C1.2: the hidden value is kept by patches")
        .isEqualTo(1);
    assertThat(secrets.replaceById(id, row("name", "e", "secret", "new")))
        .doesNotContainKey("secret");
    assertThat(secrets.count(Where.eq("secret", "new"))).isEqualTo(1);
  }

  // ---------------------------------------------------------------- types

  @Test
  @ContractSection("C1.2")
  void typeNamesAreCaseInsensitive() {
    Dao mixed =
        define(
            """
            {"name": "TckCase", "properties": {
              "s": "String", "n": {"type": "NUMBER"}, "b": "Boolean", "d": {"type": "Date"},
              "o": "Object", "tags": {"type": ["STRING"]}, "any": "Any"}}
            """);

    ModelDefinition model = db.model("TckCase");
    assertThat(model.property("s").orElseThrow().type()).isEqualTo(PropertyType.STRING);
    assertThat(model.property("n").orElseThrow().type()).isEqualTo(PropertyType.NUMBER);
    assertThat(model.property("b").orElseThrow().type()).isEqualTo(PropertyType.BOOLEAN);
    assertThat(model.property("d").orElseThrow().type()).isEqualTo(PropertyType.DATE);
    assertThat(model.property("o").orElseThrow().type()).isEqualTo(PropertyType.OBJECT);
    assertThat(model.property("tags").orElseThrow().type())
        .isEqualTo(PropertyType.arrayOf(PropertyType.STRING));
    assertThat(model.property("any").orElseThrow().type()).isEqualTo(PropertyType.ANY);

    Map<String, Object> created =
        mixed.create(row("s", 30, "n", "30", "b", "true", "d", "2020-01-02", "tags", List.of(1)));
    assertThat(stored(mixed, idOf(created)))
        .as("C1.2: \"String\", \"NUMBER\", … are the types string, number, …")
        .containsEntry("s", "30")
        .containsEntry("n", 30L)
        .containsEntry("b", true)
        .containsEntry("d", Instant.parse("2020-01-02T00:00:00Z"))
        .containsEntry("tags", List.of("1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"strin\"", "\"int\"", "[\"strin\"]", "{\"type\": \"float\"}"})
  @ContractSection("C1.2")
  void unknownTypeIsAConfigurationError(String type) {
    String json = "{\"name\": \"TckBadType\", \"properties\": {\"p\": " + type + "}}";

    ConnectorException e =
        assertError(
            ErrorCode.CONFIGURATION_INVALID,
            "C1.2: an unknown type " + type + " is CONFIGURATION_INVALID when the model is defined",
            () -> db.define(json));
    assertThat(e.getMessage()).as("C5: the message names the property").contains("p");
    assertError(
        ErrorCode.MODEL_NOT_FOUND,
        "C1.2: a model refused at define is not defined",
        () -> db.dao("TckBadType"));
  }

  // ---------------------------------------------------------------- helpers

  private static Map<String, Object> allDefaultedNull(String name) {
    return row(
        "name",
        name,
        "status",
        null,
        "vip",
        null,
        "score",
        null,
        "createdAt",
        null,
        "uid",
        null,
        "uid4",
        null,
        "gid",
        null);
  }

  private static void assertDefaultsApplied(
      Map<String, Object> record, Instant before, Instant after, String requirement) {
    assertThat(record)
        .as(requirement + ": default values")
        .containsEntry("status", "new")
        .containsEntry("vip", false)
        .containsEntry("score", 7L);
    assertThat(record.get("createdAt"))
        .as(requirement + ": defaultFn now is the time of the write")
        .isInstanceOf(Instant.class);
    Instant createdAt = (Instant) record.get("createdAt");
    assertThat(createdAt)
        .as(requirement + ": defaultFn now is the time of the write")
        .isBetween(before.minus(Duration.ofSeconds(5)), after.plus(Duration.ofSeconds(5)));
    for (String property : List.of("uid", "uid4", "gid")) {
      assertThat(record.get(property))
          .as(requirement + ": defaultFn of %s is a UUID", property)
          .isInstanceOf(String.class);
      assertThat((String) record.get(property)).matches(UUID_PATTERN);
    }
  }
}
