package io.connectorkit.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.model.RelationDefinition;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterBinderTest {

  private static final ModelDefinition PERSON = person(true);
  private static final ModelDefinition FREE_FORM = person(false);

  private static ModelDefinition person(boolean strict) {
    Map<String, PropertyDefinition> properties = new LinkedHashMap<>();
    properties.put(
        "id",
        new PropertyDefinition(
            "id", PropertyType.NUMBER, 1, true, false, null, null, null, false, Map.of()));
    add(properties, "name", PropertyType.STRING);
    add(properties, "age", PropertyType.NUMBER);
    add(properties, "vip", PropertyType.BOOLEAN);
    add(properties, "birthday", PropertyType.DATE);
    add(properties, "address", PropertyType.OBJECT);
    add(properties, "extra", PropertyType.ANY);
    add(properties, "tags", PropertyType.arrayOf(PropertyType.STRING));
    add(properties, "scores", PropertyType.arrayOf(PropertyType.NUMBER));
    add(properties, "orders", PropertyType.arrayOf(PropertyType.OBJECT));
    add(properties, "photo", PropertyType.BUFFER);
    Map<String, RelationDefinition> relations =
        Map.of(
            "orders",
            new RelationDefinition(
                "orders", RelationDefinition.Type.HAS_MANY, "Order", "personId", null, null, null));
    return new ModelDefinition(
        "Person", properties, strict, true, null, false, List.of(), relations, Map.of());
  }

  private static void add(Map<String, PropertyDefinition> properties, String name, PropertyType t) {
    properties.put(name, PropertyDefinition.of(name, t));
  }

  private static Where bind(String json) {
    return bind(json, PERSON);
  }

  private static Where bind(String json, ModelDefinition model) {
    return FilterBinder.bind(FilterParser.parseWhere(json.replace('\'', '"')), model);
  }

  private static void assertInvalid(String json, String message) {
    assertInvalid(json, PERSON, message);
  }

  private static void assertInvalid(String json, ModelDefinition model, String message) {
    assertThatThrownBy(() -> bind(json, model))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  private static void assertInvalidFilter(Filter filter, String message) {
    assertThatThrownBy(() -> FilterBinder.bind(filter, PERSON))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  // ------------------------------------------------------------------ coercion

  @Test
  void valuesAreCoercedByPropertyType() {
    assertThat(bind("{'age': '30'}")).isEqualTo(Where.eq("age", 30L));
    assertThat(bind("{'name': 30}")).isEqualTo(Where.eq("name", "30"));
    assertThat(bind("{'vip': 'true'}")).isEqualTo(Where.eq("vip", true));
    assertThat(bind("{'vip': 0}")).isEqualTo(Where.eq("vip", false));
    assertThat(bind("{'birthday': {'gt': '1942-06-18'}}"))
        .isEqualTo(Where.gt("birthday", Instant.parse("1942-06-18T00:00:00Z")));
    assertThat(bind("{'birthday': 0}")).isEqualTo(Where.eq("birthday", Instant.EPOCH));
  }

  @Test
  void bufferValuesAreDecodedFromBase64() {
    Where.Comparison bound = (Where.Comparison) bind("{'photo': 'AQI='}");
    assertThat((byte[]) bound.value()).containsExactly(1, 2);
  }

  @Test
  void valueThatDoesNotCoerceIsInvalidNamingModelPathAndValue() {
    assertInvalid("{'age': 'abc'}", "where.age: cannot convert \"abc\" to number (model Person)");
    assertInvalid("{'vip': 'X'}", "where.vip: cannot convert \"X\" to boolean (model Person)");
    assertInvalid(
        "{'birthday': {'lt': '2/1/2015'}}",
        "where.birthday: cannot convert \"2/1/2015\" to date (model Person)");
    assertInvalid(
        "{'and': [{'name': 'x'}, {'age': {'gt': 'old'}}]}",
        "where.age: cannot convert \"old\" to number (model Person)");
  }

  @Test
  void nullValuesStayNull() {
    assertThat(bind("{'age': null}")).isEqualTo(Where.eq("age", null));
    assertThat(bind("{'age': {'gt': null}}")).isEqualTo(Where.gt("age", null));
  }

  @Test
  void listOperandsAreCoercedElementWiseKeepingNulls() {
    assertThat(bind("{'age': {'inq': ['1', 2, null]}}"))
        .isEqualTo(Where.inq("age", Arrays.asList(1L, 2L, null)));
    assertThat(bind("{'age': {'nin': ['1']}}")).isEqualTo(Where.nin("age", List.of(1L)));
    assertThat(bind("{'age': {'between': ['1', '9']}}")).isEqualTo(Where.between("age", 1L, 9L));
    assertInvalid(
        "{'age': {'inq': [1, 'x']}}", "where.age: cannot convert \"x\" to number (model Person)");
  }

  @Test
  void arrayPropertiesCoerceAgainstTheItemType() {
    assertThat(bind("{'scores': '5'}")).isEqualTo(Where.eq("scores", 5L));
    assertThat(bind("{'scores': {'gt': '5'}}")).isEqualTo(Where.gt("scores", 5L));
    assertThat(bind("{'tags': {'inq': [1, 'a']}}")).isEqualTo(Where.inq("tags", List.of("1", "a")));
    assertInvalid("{'scores': 'x'}", "where.scores: cannot convert \"x\" to number (model Person)");
  }

  @Test
  void equalityWithAWholeArrayCoercesTheArray() {
    assertThat(bind("{'scores': ['1', 2]}")).isEqualTo(Where.eq("scores", List.of(1L, 2L)));
    assertThat(bind("{'scores': {'neq': ['1']}}")).isEqualTo(Where.neq("scores", List.of(1L)));
  }

  @Test
  void anyPropertyIsNormalisedNotCoerced() {
    assertThat(bind("{'extra': '30'}")).isEqualTo(Where.eq("extra", "30"));
    assertThat(bind("{'extra': 30.0}")).isEqualTo(Where.eq("extra", 30L));
  }

  @Test
  void boundValuesMatchRowsInTheJavaRepresentation() {
    Where where = bind("{'age': {'gte': '30'}, 'birthday': {'lt': '2000-01-01T00:00:00'}}");
    Map<String, Object> row =
        Map.of("id", 1L, "age", 30L, "birthday", Instant.parse("1999-12-31T23:59:59.999Z"));
    assertThat(FilterEvaluator.matches(where, row)).isTrue();
  }

  // ------------------------------------------------------------------ properties

  @Test
  void unknownPropertyOnStrictModelIsInvalid() {
    assertInvalid("{'foo': 1}", "where.foo: unknown property \"foo\" of model Person");
    assertInvalid(
        "{'or': [{'name': 'a'}, {'foo': {'gt': 1}}]}",
        "where.foo: unknown property \"foo\" of model Person");
    assertInvalid("{'foo.bar': 1}", "where.foo.bar: unknown property \"foo\" of model Person");
  }

  @Test
  void unknownPropertyOnNonStrictModelIsFreeFormAndOnlyNormalised() {
    assertThat(bind("{'foo': '30'}", FREE_FORM)).isEqualTo(Where.eq("foo", "30"));
    assertThat(bind("{'foo': {'gt': 3.0}}", FREE_FORM)).isEqualTo(Where.gt("foo", 3L));
    assertThat(bind("{'foo': {'like': 'a%'}}", FREE_FORM)).isEqualTo(Where.like("foo", "a%"));
    assertThat(bind("{'foo.bar': 1}", FREE_FORM)).isEqualTo(Where.eq("foo.bar", 1L));
  }

  @Test
  void declaredPropertiesOfNonStrictModelAreStillCoerced() {
    assertThat(bind("{'age': '3'}", FREE_FORM)).isEqualTo(Where.eq("age", 3L));
    assertInvalid(
        "{'age': 'x'}", FREE_FORM, "where.age: cannot convert \"x\" to number (model Person)");
  }

  @Test
  void nestedPathsIntoObjectAnyAndArrayOfObjectAreAllowedAndNotCoerced() {
    assertThat(bind("{'address.city': 5}")).isEqualTo(Where.eq("address.city", 5L));
    assertThat(bind("{'extra.a.b': 'x'}")).isEqualTo(Where.eq("extra.a.b", "x"));
    assertThat(bind("{'orders.total': {'gt': '5'}}")).isEqualTo(Where.gt("orders.total", "5"));
    assertThat(bind("{'address.city': {'like': 'P%'}}"))
        .isEqualTo(Where.like("address.city", "P%"));
  }

  @Test
  void nestedPathIntoScalarPropertyIsInvalid() {
    assertInvalid(
        "{'name.first': 'a'}",
        "where.name.first: property \"name\" of model Person is string, a nested path needs an"
            + " object");
    assertInvalid(
        "{'tags.x': 'a'}",
        "where.tags.x: property \"tags\" of model Person is [string], a nested path needs an"
            + " object");
  }

  @Test
  void implicitIdOfModelWithoutDeclaredIdIsAccepted() {
    ModelDefinition noId =
        new ModelDefinition(
            "Note",
            Map.of("text", PropertyDefinition.of("text", PropertyType.STRING)),
            true,
            true,
            null,
            false,
            List.of(),
            Map.of(),
            Map.of());
    assertThat(FilterBinder.bind(Where.eq("id", 3), noId)).isEqualTo(Where.eq("id", 3L));
  }

  // ------------------------------------------------------------------ like, regexp, exists

  @Test
  void likeOnStringAnyOrArrayOfStringIsAllowed() {
    assertThat(bind("{'name': {'like': 'a%'}}")).isEqualTo(Where.like("name", "a%"));
    assertThat(bind("{'extra': {'nilike': 'a%'}}")).isEqualTo(Where.nilike("extra", "a%"));
    assertThat(bind("{'tags': {'ilike': 'a%'}}")).isEqualTo(Where.ilike("tags", "a%"));
  }

  @Test
  void likeOnNonStringPropertyIsInvalid() {
    assertInvalid(
        "{'age': {'like': '1%'}}",
        "where.age: like needs a string property, but \"age\" of model Person is number");
    assertInvalid(
        "{'scores': {'nlike': '1%'}}",
        "where.scores: nlike needs a string property, but \"scores\" of model Person is"
            + " [number]");
    assertInvalid(
        "{'birthday': {'ilike': '1%'}}",
        "where.birthday: ilike needs a string property, but \"birthday\" of model Person is"
            + " date");
  }

  @Test
  void likePatternBuiltInJavaMustBeAString() {
    Where where = new Where.Comparison("name", Operator.LIKE, 5L);
    assertThatThrownBy(() -> FilterBinder.bind(where, PERSON))
        .isInstanceOf(ConnectorException.class)
        .hasMessage("where.name.like: pattern must be a string, got 5");
  }

  @Test
  void regexpStringIsBoundToARegexp() {
    assertThat(FilterBinder.bind(Where.regexp("name", "/^a/i"), PERSON))
        .isEqualTo(new Where.Comparison("name", Operator.REGEXP, new Regexp("^a", "i")));
    assertThatThrownBy(() -> FilterBinder.bind(Where.regexp("name", "/a/x"), PERSON))
        .isInstanceOf(ConnectorException.class)
        .hasMessage("where.name.regexp: unsupported regexp flag \"x\" (allowed: i, m, s)");
  }

  @Test
  void existsIsNotCoercedByPropertyType() {
    assertThat(bind("{'age': {'exists': true}}")).isEqualTo(Where.exists("age", true));
  }

  @Test
  void listOperatorBuiltInJavaWithWrongShapeIsInvalid() {
    assertThatThrownBy(
            () ->
                FilterBinder.bind(
                    new Where.Comparison("age", Operator.BETWEEN, List.of(1)), PERSON))
        .isInstanceOf(ConnectorException.class)
        .hasMessage("where.age.between: needs exactly 2 values [low, high], got 1");
  }

  @Test
  void emptyAndAndOrStayAsTheyAre() {
    assertThat(FilterBinder.bind(Where.all(), PERSON)).isEqualTo(Where.all());
    assertThat(FilterBinder.bind(Where.none(), PERSON)).isEqualTo(Where.none());
  }

  // ------------------------------------------------------------------ order, fields, include

  @Test
  void bindingAFilterBindsTheWhereAndKeepsTheRest() {
    Filter filter =
        FilterParser.parse(
            "{\"where\": {\"age\": \"3\"}, \"order\": \"name DESC\", \"fields\": [\"name\"],"
                + " \"limit\": 2, \"skip\": 1, \"include\": {\"relation\": \"orders\", \"scope\":"
                + " {\"where\": {\"total\": \"5\"}}}}");
    Filter bound = FilterBinder.bind(filter, PERSON);
    assertThat(bound).isEqualTo(filter.withWhere(Where.eq("age", 3L)));
    // The scope belongs to the target model and is bound later.
    assertThat(bound.include().get(0).scope().where()).isEqualTo(Where.eq("total", "5"));
  }

  @Test
  void unknownOrderPropertyOnStrictModelIsInvalid() {
    assertInvalidFilter(
        Filter.builder().order("foo DESC").build(),
        "order: unknown property \"foo\" of model Person");
    assertInvalidFilter(
        Filter.builder().order("name.first").build(),
        "order: property \"name\" of model Person is string, a nested path needs an object");
  }

  @Test
  void orderByNestedObjectPathIsAllowed() {
    Filter filter = Filter.builder().order("address.city DESC").build();
    assertThat(FilterBinder.bind(filter, PERSON)).isEqualTo(filter);
  }

  @Test
  void unknownFieldOnStrictModelIsInvalid() {
    assertInvalidFilter(
        Filter.builder().fields("name", "foo").build(),
        "fields: unknown property \"foo\" of model Person");
    assertInvalidFilter(
        Filter.builder().fields(Fields.except("bar")).build(),
        "fields: unknown property \"bar\" of model Person");
  }

  @Test
  void unknownOrderAndFieldsAreAllowedOnNonStrictModel() {
    Filter filter = Filter.builder().order("foo").fields("bar").build();
    assertThat(FilterBinder.bind(filter, FREE_FORM)).isEqualTo(filter);
  }

  @Test
  void unknownRelationIsInvalid() {
    assertInvalidFilter(
        Filter.builder().include("orders", "x").build(),
        "include: unknown relation \"x\" of model Person");
  }

  @Test
  void whereBuiltInJavaDeeperThanTheLimitIsInvalid() {
    Where deep = Where.eq("age", 1);
    for (int i = 0; i < 100; i++) {
      deep = Where.or(deep);
    }
    Where tooDeep = deep;
    assertThatThrownBy(() -> FilterBinder.bind(tooDeep, PERSON))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER))
        .hasMessageContaining("nested deeper than 32 levels");
  }

  @Test
  void deepestWhereTheParserAcceptsStillBinds() {
    // 32 levels, each where object holding an explicit "and" next to another key.
    String where = "{'age': 1, 'name': 'x'}";
    for (int i = 1; i < 32; i++) {
      where = "{'and': [" + where + "], 'vip': true}";
    }
    assertThat(bind(where)).isNotNull();
  }

  @Test
  void unknownFieldNameIsInvalidAlsoWhenMixedWithTrueOnes() {
    Filter filter = FilterParser.parse("{\"fields\": {\"name\": true, \"nickname\": false}}");
    assertThatThrownBy(() -> FilterBinder.bind(filter, PERSON))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER))
        .hasMessageContaining("nickname");
  }

  // ------------------------------------------------------------------ extended operators

  @Test
  void extendedOperatorIsInvalidUnlessAllowed() {
    assertThatThrownBy(() -> bind("{'age': {'$mod': [2, 0]}}"))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER);
              assertThat(e.getMessage())
                  .startsWith("where.age.$mod: \"$\"-prefixed keys are not allowed: \"$mod\"")
                  .contains("allowExtendedOperators");
            });
    assertThatThrownBy(() -> bind("{'or': [{'name': 'a'}, {'$where': 'true'}]}", FREE_FORM))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.getMessage()).startsWith("where.$where: "));
  }

  @Test
  void allowedExtendedOperatorIsKeptAsItIsWithItsPathChecked() {
    Where where =
        FilterParser.parseWhere("{\"age\": {\"$mod\": [2, 0]}, \"$expr\": {\"$eq\": [1, 1]}}");
    assertThat(FilterBinder.bind(where, PERSON, true)).isEqualTo(where);
    Where unknown = FilterParser.parseWhere("{\"nope\": {\"$mod\": [2, 0]}}");
    assertThatThrownBy(() -> FilterBinder.bind(unknown, PERSON, true))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER);
              assertThat(e.getMessage()).startsWith("where.nope.$mod: ");
            });
    assertThat(FilterBinder.bind(unknown, FREE_FORM, true)).isEqualTo(unknown);
  }
}
