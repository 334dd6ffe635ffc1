package io.connectorkit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.ModelValidator.WriteMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelValidatorTest {
  private static final ModelDefinition PERSON =
      ModelDefinition.fromJson(
          """
          {
            "name": "Person",
            "properties": {
              "id":        { "type": "number", "id": true, "generated": true },
              "name":      { "type": "string", "required": true, "length": 5 },
              "age":       "number",
              "vip":       { "type": "boolean", "default": false },
              "tags":      { "type": ["string"], "default": ["a"] },
              "createdAt": { "type": "date", "defaultFn": "now" },
              "token":     { "type": "string", "defaultFn": "uuid" },
              "birthday":  "date",
              "photo":     "buffer"
            }
          }
          """);

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-05-06T07:08:09.123456Z"), ZoneOffset.UTC);

  private static Map<String, Object> data(Object... keysAndValues) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      data.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return data;
  }

  private static Map<String, Object> validate(Map<String, ?> data, WriteMode mode) {
    return ModelValidator.validate(PERSON, data, mode, CLOCK);
  }

  private static ConnectorException failure(
      ModelDefinition model, Map<String, ?> data, WriteMode mode) {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class, () -> ModelValidator.validate(model, data, mode, CLOCK));
    assertThat(e).as("no exception").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    return e;
  }

  @Test
  void validCreateIsCoercedAndDefaulted() {
    Map<String, Object> result = validate(data("name", "Ann", "age", "30"), WriteMode.CREATE);

    assertThat(result)
        .containsExactly(
            Map.entry("name", "Ann"),
            Map.entry("age", 30L),
            Map.entry("vip", false),
            Map.entry("tags", List.of("a")),
            Map.entry("createdAt", Instant.parse("2024-05-06T07:08:09.123Z")),
            Map.entry("token", result.get("token")));
    assertThat(UUID.fromString((String) result.get("token"))).isNotNull();
  }

  @Test
  void everyTypeIsCoerced() {
    Map<String, Object> result =
        validate(
            data(
                "name",
                12,
                "age",
                30.0,
                "vip",
                "1",
                "tags",
                List.of(1, "b"),
                "birthday",
                "1942-06-18",
                "photo",
                "aGk="),
            WriteMode.PATCH);
    assertThat(result.get("name")).isEqualTo("12");
    assertThat(result.get("age")).isEqualTo(30L);
    assertThat(result.get("vip")).isEqualTo(true);
    assertThat(result.get("tags")).isEqualTo(List.of("1", "b"));
    assertThat(result.get("birthday")).isEqualTo(Instant.parse("1942-06-18T00:00:00Z"));
    assertThat((byte[]) result.get("photo")).isEqualTo(new byte[] {104, 105});
  }

  @Test
  void resultIsANewMutableMapAndInputIsUntouched() {
    Map<String, Object> input = data("name", "Ann");
    Map<String, Object> result = validate(input, WriteMode.CREATE);
    result.put("age", 1L);
    assertThat(input).containsOnlyKeys("name");
  }

  @Test
  void requiredPropertyMissingOnCreateFailsWithCantBeBlank() {
    ConnectorException e = failure(PERSON, data("age", 3), WriteMode.CREATE);
    assertThat(e).hasMessage("The Person instance is not valid. Details: `name` can't be blank.");
    assertThat(e.details()).isEqualTo(Map.of("name", List.of("can't be blank")));
  }

  @Test
  void requiredPropertyMissingOnReplaceFailsWithCantBeBlank() {
    ConnectorException e = failure(PERSON, data("id", 1), WriteMode.REPLACE);
    assertThat(e).hasMessage("The Person instance is not valid. Details: `name` can't be blank.");
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void requiredPropertySetToNullFailsInEveryMode(WriteMode mode) {
    ConnectorException e = failure(PERSON, data("name", null), mode);
    assertThat(e).hasMessage("The Person instance is not valid. Details: `name` can't be blank.");
    assertThat(e.details()).isEqualTo(Map.of("name", List.of("can't be blank")));
  }

  @Test
  void patchWithoutTheRequiredPropertyIsFine() {
    assertThat(validate(data("age", 4), WriteMode.PATCH)).containsExactly(Map.entry("age", 4L));
  }

  @Test
  void generatedIdIsNotRequired() {
    ModelDefinition model =
        ModelDefinition.fromJson(
            "{\"name\": \"T\", \"properties\": {\"id\": {\"type\": \"number\", \"id\": true,"
                + " \"generated\": true, \"required\": true}}}");
    assertThat(ModelValidator.validate(model, Map.of(), WriteMode.CREATE)).isEmpty();
  }

  @Test
  void nonGeneratedRequiredIdMissingOnCreateFailsWithCantBeBlank() {
    ModelDefinition model =
        ModelDefinition.fromJson(
            "{\"name\": \"T\", \"properties\": {\"code\": {\"type\": \"string\", \"id\": true,"
                + " \"required\": true}}}");
    ConnectorException e = failure(model, Map.of(), WriteMode.CREATE);
    assertThat(e).hasMessage("The T instance is not valid. Details: `code` can't be blank.");
  }

  @Test
  void coercionFailureFailsWithTheValuesMessage() {
    ConnectorException e = failure(PERSON, data("name", "Ann", "age", "abc"), WriteMode.CREATE);
    assertThat(e)
        .hasMessage(
            "The Person instance is not valid. Details: `age` cannot convert \"abc\" to number.");
    assertThat(e.details()).isEqualTo(Map.of("age", List.of("cannot convert \"abc\" to number")));
  }

  @Test
  void arrayItemFailureNamesTheItem() {
    ConnectorException e = failure(PERSON, data("tags", List.of("a", Map.of())), WriteMode.PATCH);
    assertThat(e)
        .hasMessage(
            "The Person instance is not valid. Details: `tags` item 1: cannot convert {} to"
                + " string.");
  }

  @Test
  void undeclaredPropertyOnStrictModelFailsWithNotDefinedInTheModel() {
    ConnectorException e = failure(PERSON, data("name", "Ann", "foo", 1), WriteMode.CREATE);
    assertThat(e)
        .hasMessage(
            "The Person instance is not valid. Details: `foo` is not defined in the model.");
    assertThat(e.details()).isEqualTo(Map.of("foo", List.of("is not defined in the model")));
  }

  @Test
  void undeclaredPropertySetToNullOnStrictModelFailsToo() {
    ConnectorException e = failure(PERSON, data("foo", null), WriteMode.PATCH);
    assertThat(e)
        .hasMessage(
            "The Person instance is not valid. Details: `foo` is not defined in the model.");
  }

  @Test
  void nonStrictModelKeepsUndeclaredPropertiesNormalised() {
    ModelDefinition model =
        ModelDefinition.fromJson(
            "{\"name\": \"Free\", \"strict\": false, \"properties\": {\"a\": \"number\"}}");
    Map<String, Object> result =
        ModelValidator.validate(
            model, data("extra", Map.of("n", 1.0), "a", "2", "more", 3), WriteMode.CREATE);
    assertThat(result)
        .containsExactly(
            Map.entry("a", 2L), Map.entry("extra", Map.of("n", 1L)), Map.entry("more", 3L));
  }

  @Test
  void nullKeyFailsWithNotDefinedInTheModelEvenWhenNotStrict() {
    ModelDefinition model = ModelDefinition.fromJson("{\"name\": \"Free\", \"strict\": false}");
    Map<String, Object> data = new HashMap<>();
    data.put(null, 1);
    ConnectorException e = failure(model, data, WriteMode.CREATE);
    assertThat(e)
        .hasMessage("The Free instance is not valid. Details: `null` is not defined in the model.");
  }

  @Test
  void stringLongerThanLengthFailsWithIsTooLong() {
    ConnectorException e = failure(PERSON, data("name", "Annabel"), WriteMode.CREATE);
    assertThat(e)
        .hasMessage(
            "The Person instance is not valid. Details: `name` is too long (maximum is 5"
                + " characters).");
    assertThat(e.details())
        .isEqualTo(Map.of("name", List.of("is too long (maximum is 5 characters)")));
  }

  @Test
  void lengthCountsCodePointsNotUtf16Units() {
    assertThat(validate(data("name", "😀😀😀😀😀"), WriteMode.PATCH)).containsKey("name");
  }

  @Test
  void lengthAppliesAfterCoercion() {
    ConnectorException e = failure(PERSON, data("name", 1234567), WriteMode.PATCH);
    assertThat(e.details())
        .isEqualTo(Map.of("name", List.of("is too long (maximum is 5 characters)")));
  }

  @Test
  void everyViolationIsCollectedInDeclarationOrder() {
    ConnectorException e =
        failure(
            PERSON,
            data("zzz", 1, "birthday", "2/1/2015", "age", "abc", "vip", "X"),
            WriteMode.CREATE);
    assertThat(e)
        .hasMessage(
            "The Person instance is not valid. Details: `name` can't be blank;"
                + " `age` cannot convert \"abc\" to number;"
                + " `vip` cannot convert \"X\" to boolean;"
                + " `birthday` cannot convert \"2/1/2015\" to date;"
                + " `zzz` is not defined in the model.");
    assertThat(e.details())
        .containsOnlyKeys("name", "age", "vip", "birthday", "zzz")
        .containsEntry("vip", List.of("cannot convert \"X\" to boolean"));
  }

  @ParameterizedTest
  @EnumSource(
      value = WriteMode.class,
      names = {"CREATE", "REPLACE"})
  void defaultsFillAbsentPropertiesOnCreateAndReplace(WriteMode mode) {
    Map<String, Object> result = validate(data("name", "Ann"), mode);
    assertThat(result)
        .containsEntry("vip", false)
        .containsEntry("tags", List.of("a"))
        .containsEntry("createdAt", Instant.parse("2024-05-06T07:08:09.123Z"))
        .containsKey("token");
  }

  @Test
  void defaultsAreNotAppliedOnPatch() {
    assertThat(validate(data("name", "Ann"), WriteMode.PATCH))
        .containsExactly(Map.entry("name", "Ann"));
  }

  @Test
  void explicitNullStaysNullDespiteDefault() {
    Map<String, Object> result =
        validate(data("name", "Ann", "vip", null, "createdAt", null), WriteMode.CREATE);
    assertThat(result).containsEntry("vip", null).containsEntry("createdAt", null);
  }

  @Test
  void presentValueWinsOverDefault() {
    assertThat(validate(data("name", "Ann", "vip", "true"), WriteMode.CREATE))
        .containsEntry("vip", true);
  }

  @Test
  void defaultValuesAreFreshCopies() {
    @SuppressWarnings("unchecked")
    List<Object> tags = (List<Object>) validate(data("name", "A"), WriteMode.CREATE).get("tags");
    tags.add("mutated");
    assertThat(validate(data("name", "A"), WriteMode.CREATE).get("tags")).isEqualTo(List.of("a"));
  }

  @Test
  void uuidDefaultsDifferPerRecord() {
    Object first = validate(data("name", "A"), WriteMode.CREATE).get("token");
    Object second = validate(data("name", "A"), WriteMode.CREATE).get("token");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void defaultFnNowUsesTheCurrentTimeInMilliseconds() {
    Instant before = Instant.now().minusMillis(1);
    Object now =
        ModelValidator.validate(PERSON, data("name", "A"), WriteMode.CREATE).get("createdAt");
    assertThat((Instant) now).isBetween(before, Instant.now());
    assertThat(((Instant) now).getNano() % 1_000_000).isZero();
  }

  @Test
  void requiredPropertyWithDefaultIsSatisfiedByTheDefault() {
    ModelDefinition model =
        ModelDefinition.fromJson(
            "{\"name\": \"T\", \"properties\": {\"s\": {\"type\": \"string\", \"required\": true,"
                + " \"default\": \"x\"}}}");
    assertThat(ModelValidator.validate(model, Map.of(), WriteMode.CREATE))
        .containsExactly(Map.entry("s", "x"));
  }

  @Test
  void applyDefaultsFillsOnlyAbsentKeys() {
    Map<String, Object> data = data("vip", null, "name", "x");
    Map<String, Object> result = ModelValidator.applyDefaults(PERSON, data);
    assertThat(result.keySet()).containsExactly("vip", "name", "tags", "createdAt", "token");
    assertThat(result.get("vip")).isNull();
    assertThat(data).containsOnlyKeys("vip", "name");
  }

  @Test
  void checkForceIdRefusesAClientChosenGeneratedId() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class, () -> ModelValidator.checkForceId(PERSON, data("id", 5)));
    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(e).hasMessage("The Person instance is not valid. Details: `id` can't be set.");
    assertThat(e.details()).isEqualTo(Map.of("id", List.of("can't be set")));
  }

  @Test
  void checkForceIdAllowsAbsentOrNullId() {
    ModelValidator.checkForceId(PERSON, data("name", "x"));
    ModelValidator.checkForceId(PERSON, data("id", null));
  }

  @Test
  void checkForceIdAllowsIdsWhenForceIdIsFalse() {
    ModelDefinition model =
        ModelDefinition.fromJson(
            "{\"name\": \"T\", \"forceId\": false, \"properties\": {\"id\": {\"type\": \"number\","
                + " \"id\": true, \"generated\": true}}}");
    ModelValidator.checkForceId(model, data("id", 5));
  }

  @Test
  void checkForceIdAllowsIdsOfANonGeneratedId() {
    ModelDefinition model =
        ModelDefinition.fromJson(
            "{\"name\": \"T\", \"properties\": {\"code\": {\"type\": \"string\", \"id\": true}}}");
    ModelValidator.checkForceId(model, data("code", "a"));
  }

  @Test
  void checkForceIdNamesTheIdPropertySet() {
    ModelDefinition model =
        ModelDefinition.fromJson(
            "{\"name\": \"T\", \"forceId\": true, \"properties\": {\"code\": {\"type\": \"string\","
                + " \"id\": true}}}");
    assertThatThrownBy(() -> ModelValidator.checkForceId(model, data("code", "a")))
        .isInstanceOf(ConnectorException.class)
        .hasMessage("The T instance is not valid. Details: `code` can't be set.");
  }

  @Test
  void injectedIdIsDeclaredForValidation() {
    ModelDefinition model =
        ModelDefinition.fromJson("{\"name\": \"T\", \"properties\": {\"a\": \"string\"}}")
            .withInjectedId(PropertyType.NUMBER);
    assertThat(ModelValidator.validate(model, data("id", "7"), WriteMode.PATCH))
        .containsExactly(Map.entry("id", 7L));
    assertThatThrownBy(() -> ModelValidator.checkForceId(model, data("id", 7)))
        .isInstanceOf(ConnectorException.class)
        .hasMessage("The T instance is not valid. Details: `id` can't be set.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"model", "data", "mode"})
  void nullArgumentsAreNullPointerExceptions(String which) {
    assertThatThrownBy(
            () ->
                ModelValidator.validate(
                    which.equals("model") ? null : PERSON,
                    which.equals("data") ? null : Map.of(),
                    which.equals("mode") ? null : WriteMode.CREATE))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(which + " is null");
  }

  // ------------------------------------------------------------------ update operators

  @Test
  void updateOperatorKeyFailsOrdinaryValidationEvenOnAFreeFormModel() {
    ModelDefinition free =
        ModelDefinition.fromJson("{\"name\": \"Free\", \"strict\": false, \"properties\": {}}");
    ConnectorException e = failure(free, data("$inc", Map.of("n", 1)), WriteMode.PATCH);
    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(e.getMessage())
        .contains("`$inc` is an update operator")
        .contains("allowExtendedOperators");
  }

  @Test
  void validateUpdateMergesSetAndUnsetAndCoercesOperands() {
    Map<String, Object> result =
        ModelValidator.validateUpdate(
            PERSON,
            data(
                "vip", "true",
                "$set", Map.of("name", "Al"),
                "$unset", Map.of("birthday", ""),
                "$inc", Map.of("age", "2"),
                "$push", Map.of("tags", 5),
                "$addToSet", Map.of("tags.0", Map.of("$each", List.of(1)))));
    assertThat(result.keySet())
        .containsExactly("name", "vip", "birthday", "$inc", "$push", "$addToSet");
    assertThat(result)
        .containsEntry("name", "Al")
        .containsEntry("vip", true)
        .containsEntry("birthday", null)
        .containsEntry("$inc", Map.of("age", 2L))
        .containsEntry("$push", Map.of("tags", "5"))
        .containsEntry("$addToSet", Map.of("tags.0", Map.of("$each", List.of(1L))));
  }

  @Test
  void validateUpdateNamesEveryBadOperandField() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                ModelValidator.validateUpdate(
                    PERSON,
                    data(
                        "name", "Al",
                        "$set", Map.of("name", "Bo"),
                        "$inc", Map.of("vip", 1, "id", 1),
                        "$max", Map.of("birthday", "not a date"),
                        "$mul", Map.of("nope", 2),
                        "$rename", "x")));
    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(e.details()).containsOnlyKeys("name", "vip", "id", "birthday", "nope", "$rename");
    assertThat(e.getMessage())
        .contains("`name` is changed twice in one update")
        .contains("`vip` is a boolean property: $inc needs a number property")
        .contains("`id` is an id property: $inc cannot change it")
        .contains("`nope` is not defined in the model");
  }

  @Test
  void validateUpdateStillValidatesThePlainPatch() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> ModelValidator.validateUpdate(PERSON, data("$set", Map.of("name", "toolong"))));
    assertThat(e.details()).containsOnlyKeys("name");
  }
}
