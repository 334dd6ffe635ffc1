package io.connectorkit.tck;

import static io.connectorkit.tck.CrudFixtures.idOf;
import static io.connectorkit.tck.CrudFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.connectorkit.core.Dao;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** C5 errors. */
public abstract class ErrorsTck extends TckSection {
  private static final String PEOPLE =
      """
      {"name": "TckPerson", "forceId": false, "properties": {
        "name": {"type": "string", "required": true},
        "age": "number",
        "email": {"type": "string", "index": {"unique": true}}}}
      """;

  protected ErrorsTck(ConnectorTck tck) {
    super(tck);
  }

  // ---------------------------------------------------------------- MODEL_NOT_FOUND

  @Test
  @ContractSection("C5")
  void operationOnAnUndefinedModelIsModelNotFound() {
    define(PEOPLE);

    ConnectorException e =
        assertError(
            ErrorCode.MODEL_NOT_FOUND,
            "C5: an operation on a model that is not defined is MODEL_NOT_FOUND",
            () -> db.dao("TckNope").find(Filter.ALL));
    assertThat(e.getMessage()).as("C5: the message names the model").contains("TckNope");
    assertError(
        ErrorCode.MODEL_NOT_FOUND,
        "C5: looking up an undefined model is MODEL_NOT_FOUND",
        () -> db.model("TckNope"));
  }

  @Test
  @ContractSection(
      value = "C5",
      features = {Feature.MIGRATION})
  void migrationOfAnUndefinedModelIsModelNotFound() {
    assumeFeature(Feature.MIGRATION, "migrating a model");
    define(PEOPLE);

    ConnectorException e =
        assertError(
            ErrorCode.MODEL_NOT_FOUND,
            "C5: automigrate of a model that is not defined is MODEL_NOT_FOUND",
            () -> db.automigrate("TckNope"));
    assertThat(e.getMessage()).contains("TckNope");
    assertError(
        ErrorCode.MODEL_NOT_FOUND,
        "C5: autoupdate of a model that is not defined is MODEL_NOT_FOUND",
        () -> db.autoupdate("TckNope"));
  }

  // ---------------------------------------------------------------- VALIDATION_FAILED

  @Test
  @ContractSection("C5")
  void validationFailureNamesTheModelAndTheProperty() {
    Dao people = define(PEOPLE);

    ConnectorException e =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C5: a missing required property is VALIDATION_FAILED",
            () -> people.create(row("age", 3)));
    assertThat(e.getMessage())
        .as("C5: the message names the model and the property")
        .contains("TckPerson")
        .contains("name");
    assertThat(e.details()).as("C5: per-property details").containsOnlyKeys("name");
    assertThat(String.valueOf(e.details().get("name"))).contains("can't be blank");
  }

  @Test
  @ContractSection("C5")
  void validationFailureNamesTheOffendingValue() {
    Dao people = define(PEOPLE);

    ConnectorException e =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C2/C5: a value that does not convert to the declared type is VALIDATION_FAILED",
            () -> people.create(row("name", "a", "age", "abc")));
    assertThat(e.getMessage())
        .as("C5: the message names the model, the property and the value")
        .contains("TckPerson")
        .contains("age")
        .contains("abc");
    assertThat(e.details()).containsOnlyKeys("age");
    assertThat(String.valueOf(e.details().get("age")))
        .as("C5: the detail names the value")
        .contains("abc");
  }

  @Test
  @ContractSection("C5")
  void validationFailureDetailsListEveryViolatedProperty() {
    Dao people = define(PEOPLE);

    ConnectorException e =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C5: several violations in one write are one VALIDATION_FAILED",
            () -> people.create(row("age", "abc", "foo", 1)));
    assertThat(e.details())
        .as("C5: details are keyed by every violated property")
        .containsOnlyKeys("name", "age", "foo");
    assertThat(e.details().values())
        .as("C5: every detail says what is wrong")
        .allSatisfy(detail -> assertThat(String.valueOf(detail)).isNotBlank());
  }

  @Test
  @ContractSection("C5")
  void validationFailureOfAPatchNamesTheProperty() {
    Dao people = define(PEOPLE);
    Object id = idOf(people.create(row("name", "a")));

    ConnectorException e =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C5: a patch with a value of the wrong type is VALIDATION_FAILED",
            () -> people.updateById(id, row("age", "old")));
    assertThat(e.getMessage()).contains("TckPerson").contains("age").contains("old");
    assertThat(e.details()).containsOnlyKeys("age");
  }

  @Test
  @ContractSection("C5")
  void validationFailureOfABatchSaysWhichItem() {
    Dao people = define(PEOPLE);

    ConnectorException e =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C5: an invalid batch item is VALIDATION_FAILED",
            () -> people.createAll(List.of(row("name", "a"), row("name", "b", "age", "x"))));
    assertThat(e.getMessage()).as("C5: the message names the property").contains("age");
    assertThat(e.details()).as("C5: the details are not empty").isNotEmpty();
  }

  // ---------------------------------------------------------------- INVALID_FILTER

  @Test
  @ContractSection("C5")
  void invalidFilterNamesAnUnknownProperty() {
    Dao people = define(PEOPLE);

    ConnectorException e =
        assertError(
            ErrorCode.INVALID_FILTER,
            "C4.1/C5: a where on an unknown property is INVALID_FILTER",
            () -> people.find(Filter.where(Where.eq("nope", 1))));
    assertThat(e.getMessage()).as("C5: the message names the path").contains("nope");
  }

  @Test
  @ContractSection("C5")
  void invalidFilterNamesAPathIntoAScalarProperty() {
    Dao people = define(PEOPLE);

    ConnectorException e =
        assertError(
            ErrorCode.INVALID_FILTER,
            "C4.1/C5: a nested path into a string property is INVALID_FILTER",
            () -> people.find(Filter.where(Where.eq("name.first", "a"))));
    assertThat(e.getMessage()).as("C5: the message names the path").contains("name.first");
  }

  @Test
  @ContractSection("C5")
  void invalidFilterNamesThePropertyAndTheValue() {
    Dao people = define(PEOPLE);

    ConnectorException e =
        assertError(
            ErrorCode.INVALID_FILTER,
            "C2/C5: a where value that does not convert to the property type is INVALID_FILTER",
            () -> people.find(FilterParser.parse("{\"where\": {\"age\": {\"gt\": \"abc\"}}}")));
    assertThat(e.getMessage())
        .as("C5: the message names the path and value")
        .contains("age")
        .contains("abc");
  }

  @Test
  @ContractSection("C5")
  void invalidFilterNamesAnUnknownOperator() {
    Dao people = define(PEOPLE);

    ConnectorException e =
        assertError(
            ErrorCode.INVALID_FILTER,
            "C4.1/C5: an unknown operator is INVALID_FILTER",
            () -> people.find(FilterParser.parse("{\"where\": {\"age\": {\"bigger\": 3}}}")));
    assertThat(e.getMessage()).as("C5: the message names the operator").contains("bigger");
  }

  @Test
  @ContractSection("C5")
  void invalidFilterNamesAnUnknownTopLevelKey() {
    Dao people = define(PEOPLE);

    ConnectorException e =
        assertError(
            ErrorCode.INVALID_FILTER,
            "C4/C5: an unknown top-level filter key is INVALID_FILTER",
            () -> people.find(FilterParser.parse("{\"wher\": {\"age\": 3}}")));
    assertThat(e.getMessage()).as("C5: the message names the key").contains("wher");
  }

  @ParameterizedTest
  @ValueSource(strings = {"count", "updateAll", "deleteAll"})
  @ContractSection("C5")
  void invalidWhereOfABulkOperationIsInvalidFilterAndChangesNothing(String operation) {
    Dao people = define(PEOPLE);
    people.create(row("name", "a", "age", 1));

    ConnectorException e =
        assertError(
            ErrorCode.INVALID_FILTER,
            "C4.1/C5: " + operation + " with a where on an unknown property is INVALID_FILTER",
            () -> {
              switch (operation) {
                case "count" -> people.count(Where.eq("nope", 1));
                case "updateAll" -> people.updateAll(Where.eq("nope", 1), row("age", 2));
                case "deleteAll" -> people.deleteAll(Where.eq("nope", 1));
                default -> throw new IllegalArgumentException(operation);
              }
            });
    assertThat(e.getMessage()).contains("nope");
    assertThat(people.find(Filter.ALL))
        .as("C5: a failed write leaves nothing behind")
        .extracting(r -> r.get("age"))
        .containsExactly(1L);
  }

  // ---------------------------------------------------------------- DUPLICATE_KEY,
  // ENTITY_NOT_FOUND

  @Test
  @ContractSection("C5")
  void duplicateIdNamesTheModelAndTheId() {
    Dao people = define(PEOPLE);
    Object id = idOf(people.create(row("name", "a")));

    ConnectorException e =
        assertError(
            ErrorCode.DUPLICATE_KEY,
            "C5: create with an existing id is DUPLICATE_KEY",
            () -> people.create(row("id", id, "name", "b")));
    assertThat(e.getMessage())
        .as("C5: the message names the model and the id")
        .contains("TckPerson")
        .contains(String.valueOf(id));
  }

  @Test
  @ContractSection("C5")
  void duplicateUniqueValueNamesTheModelAndTheValue() {
    Dao people = define(PEOPLE);
    people.create(row("name", "a", "email", "ada@example.com"));

    ConnectorException e =
        assertError(
            ErrorCode.DUPLICATE_KEY,
            "C5: create with a value already in a unique index is DUPLICATE_KEY",
            () -> people.create(row("name", "b", "email", "ada@example.com")));
    assertThat(e.getMessage())
        .as("C5: the message names the model and the value")
        .contains("TckPerson")
        .contains("ada@example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"updateById", "replaceById"})
  @ContractSection("C5")
  void entityNotFoundNamesTheModelAndTheId(String operation) {
    Dao people = define(PEOPLE);
    Object gone = idOf(people.create(row("name", "a")));
    people.deleteById(gone);

    ConnectorException e =
        assertError(
            ErrorCode.ENTITY_NOT_FOUND,
            "C5: " + operation + " of a missing id is ENTITY_NOT_FOUND",
            () -> {
              if (operation.equals("updateById")) {
                people.updateById(gone, row("name", "b"));
              } else {
                people.replaceById(gone, row("name", "b"));
              }
            });
    assertThat(e.getMessage())
        .as("C5: the message names the model and the id")
        .contains("TckPerson")
        .contains(String.valueOf(gone));
    assertThat(e.details())
        .as("C5: ENTITY_NOT_FOUND details carry the model and the id (as text)")
        .containsEntry("model", "TckPerson")
        .containsEntry("id", String.valueOf(gone));
  }

  // Passes a null id on purpose: C3 requires INVALID_ARGUMENT for it, while the DAO's id
  // parameter is non-null in its signature (a null id is a caller error the DAO reports).
  @SuppressWarnings("NullAway")
  @Test
  @ContractSection("C5")
  void invalidArgumentNamesTheModel() {
    Dao people = define(PEOPLE);
    Object id = idOf(people.create(row("name", "a")));
    Object other = idOf(people.create(row("name", "b")));

    ConnectorException nullId =
        assertError(
            ErrorCode.INVALID_ARGUMENT,
            "C3/C5: a null id is INVALID_ARGUMENT",
            () -> people.findById(null));
    ConnectorException idChange =
        assertError(
            ErrorCode.INVALID_ARGUMENT,
            "C3/C5: changing the id is INVALID_ARGUMENT",
            () -> people.updateById(id, row("id", other)));
    assertThat(List.of(nullId.getMessage(), idChange.getMessage()))
        .as("C5: the message names the model")
        .allSatisfy(message -> assertThat(message).contains("TckPerson"));
  }

  // ---------------------------------------------------------------- a failed write leaves nothing

  // Passes a null id on purpose: C3 requires INVALID_ARGUMENT for it, while the DAO's id
  // parameter is non-null in its signature (a null id is a caller error the DAO reports).
  @SuppressWarnings("NullAway")
  @ParameterizedTest
  @ValueSource(
      strings = {
        "create",
        "createAll",
        "createDuplicateId",
        "createDuplicateUnique",
        "updateById",
        "replaceById",
        "updateAll",
        "upsert",
        "replaceOrCreate",
        "upsertWithWhere",
        "findOrCreate",
        "deleteByIdNull"
      })
  @ContractSection("C5")
  void aFailedWriteLeavesNothingBehind(String operation) {
    Dao people = define(PEOPLE);
    Object id = idOf(people.create(row("name", "a", "age", 1, "email", "a@example.com")));
    people.create(row("name", "b", "age", 2, "email", "b@example.com"));
    List<Map<String, Object>> before = people.find(Filter.ALL);

    Throwable thrown =
        catchThrowable(
            () -> {
              switch (operation) {
                case "create" -> people.create(row("name", "c", "age", "x"));
                case "createAll" ->
                    people.createAll(List.of(row("name", "c"), row("name", "d", "age", "x")));
                case "createDuplicateId" -> people.create(row("id", id, "name", "c"));
                case "createDuplicateUnique" ->
                    people.create(row("name", "c", "email", "b@example.com"));
                case "updateById" -> people.updateById(id, row("name", "c", "age", "x"));
                case "replaceById" -> people.replaceById(id, row("age", 5));
                case "updateAll" -> people.updateAll(Where.all(), row("age", 5, "foo", 1));
                case "upsert" -> people.upsert(row("id", id, "name", null));
                case "replaceOrCreate" -> people.replaceOrCreate(row("id", id, "age", 9));
                case "upsertWithWhere" ->
                    people.upsertWithWhere(Where.eq("name", "a"), row("age", "x"));
                case "findOrCreate" ->
                    people.findOrCreate(Filter.where(Where.eq("name", "z")), row("age", 9));
                case "deleteByIdNull" -> people.deleteById(null);
                default -> throw new IllegalArgumentException(operation);
              }
            });

    assertThat(thrown)
        .as("C5: the failing %s throws a ConnectorException", operation)
        .isInstanceOf(ConnectorException.class);
    assertThat(people.find(Filter.ALL))
        .as("C5: a failed %s leaves every record as it was", operation)
        .isEqualTo(before);
  }

  // ---------------------------------------------------------------- codes

  // Passes a null id on purpose: C3 requires INVALID_ARGUMENT for it, while the DAO's id
  // parameter is non-null in its signature (a null id is a caller error the DAO reports).
  @SuppressWarnings("NullAway")
  @Test
  @ContractSection("C5")
  void everyFailureIsAConnectorExceptionWithOneCode() {
    Dao people = define(PEOPLE);
    Object id = idOf(people.create(row("name", "a")));
    Map<String, ThrowingCallable> failures = new LinkedHashMap<>();
    failures.put("undefined model", () -> db.dao("TckNope"));
    failures.put("validation", () -> people.create(row("age", 1)));
    failures.put("filter", () -> people.find(Filter.where(Where.eq("nope", 1))));
    failures.put("duplicate", () -> people.create(row("id", id, "name", "b")));
    failures.put("null id", () -> people.exists(null));
    failures.put(
        "unknown type",
        () -> db.define("{\"name\": \"TckBad\", \"properties\": {\"p\": \"nope\"}}"));

    failures.forEach(
        (what, call) -> {
          Throwable thrown = catchThrowable(call);
          assertThat(thrown)
              .as("C5: every failure (%s) is a ConnectorException", what)
              .isInstanceOf(ConnectorException.class);
          ConnectorException e = (ConnectorException) thrown;
          assertThat(e.code()).as("C5: a failure (%s) carries a code", what).isNotNull();
          assertThat(e.getMessage()).as("C5: a failure (%s) has a message", what).isNotBlank();
          assertThat(e.details()).as("C5: details are never null").isNotNull();
        });
  }

  @ParameterizedTest
  @CsvSource({
    "INVALID_FILTER, 400",
    "INVALID_ARGUMENT, 400",
    "VALIDATION_FAILED, 422",
    "ENTITY_NOT_FOUND, 404",
    "MODEL_NOT_FOUND, 404",
    "DUPLICATE_KEY, 409",
    "UNSUPPORTED_OPERATION, 501",
    "CONFIGURATION_INVALID, 500",
    "CONNECTION_FAILED, 503",
    "TIMEOUT, 504",
    "TRANSACTION_NOT_ACTIVE, 409",
    "BACKEND_ERROR, 502"
  })
  @ContractSection("C5")
  void errorCodeMapsToTheContractsHttpStatus(ErrorCode code, int status) {
    assertThat(code.httpStatus()).as("C5: %s maps to HTTP %s", code, status).isEqualTo(status);
  }

  @Test
  @ContractSection("C5")
  void theCodesAreExactlyTheContractsTwelve() {
    assertThat(Arrays.stream(ErrorCode.values()).map(Enum::name))
        .as("C5: the error codes are exactly those of the contract's table")
        .containsExactlyInAnyOrder(
            "INVALID_FILTER",
            "INVALID_ARGUMENT",
            "VALIDATION_FAILED",
            "ENTITY_NOT_FOUND",
            "MODEL_NOT_FOUND",
            "DUPLICATE_KEY",
            "UNSUPPORTED_OPERATION",
            "CONFIGURATION_INVALID",
            "CONNECTION_FAILED",
            "TIMEOUT",
            "TRANSACTION_NOT_ACTIVE",
            "BACKEND_ERROR");
  }
}
