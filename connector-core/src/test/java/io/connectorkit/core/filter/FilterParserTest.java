package io.connectorkit.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterParserTest {

  /** JSON with single quotes for readability. */
  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private static Filter parse(String singleQuoted) {
    return FilterParser.parse(json(singleQuoted));
  }

  private static Where where(String singleQuoted) {
    return parse("{'where': " + singleQuoted + "}").where();
  }

  private static void assertInvalid(String singleQuoted, String message) {
    assertInvalidObject(json(singleQuoted), message);
  }

  private static void assertInvalidObject(Object filter, String message) {
    assertThatThrownBy(() -> FilterParser.parse(filter))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  // ------------------------------------------------------------------ inputs

  @Test
  void nullBlankAndJsonNullAreTheMatchAllFilter() {
    assertThat(FilterParser.parse(null)).isEqualTo(Filter.ALL);
    assertThat(FilterParser.parse("  ")).isEqualTo(Filter.ALL);
    assertThat(FilterParser.parse("null")).isEqualTo(Filter.ALL);
    assertThat(FilterParser.parse("{}")).isEqualTo(Filter.ALL);
  }

  @Test
  void acceptsJsonTextJsonNodeAndParsedMaps() throws Exception {
    String text = json("{'where': {'name': 'a'}, 'limit': 2}");
    Filter expected = Filter.builder().where(Where.eq("name", "a")).limit(2).build();
    assertThat(FilterParser.parse(text)).isEqualTo(expected);
    assertThat(FilterParser.parse(new ObjectMapper().readTree(text))).isEqualTo(expected);
    assertThat(FilterParser.parse(Map.of("where", Map.of("name", "a"), "limit", 2)))
        .isEqualTo(expected);
  }

  @Test
  void malformedJsonIsInvalidFilter() {
    assertThatThrownBy(() -> FilterParser.parse("{where"))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER);
              assertThat(e.getMessage()).startsWith("filter: malformed JSON: ");
            });
  }

  @Test
  void duplicateKeysInJsonTextAreInvalid() {
    assertThatThrownBy(() -> parse("{'limit': 1, 'limit': 2}"))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.getMessage()).startsWith("filter: malformed JSON: Duplicate"));
  }

  @Test
  void filterThatIsNotAnObjectIsInvalid() {
    assertInvalid("[1]", "filter: must be an object, got an array");
    assertInvalid("5", "filter: must be an object, got 5");
  }

  @Test
  void unknownTopLevelKeyIsInvalid() {
    assertInvalid(
        "{'wher': {}}",
        "filter: unknown key \"wher\" (allowed: where, fields, order, limit, skip, offset,"
            + " include)");
  }

  // ------------------------------------------------------------------ where

  @Test
  void plainValueIsEquality() {
    assertThat(where("{'name': 'a'}")).isEqualTo(Where.eq("name", "a"));
    assertThat(where("{'name': null}")).isEqualTo(Where.eq("name", null));
    assertThat(where("{'tags': ['a', 'b']}")).isEqualTo(Where.eq("tags", List.of("a", "b")));
  }

  @Test
  void severalKeysAreAnded() {
    assertThat(where("{'name': 'a', 'age': 3}"))
        .isEqualTo(Where.and(Where.eq("name", "a"), Where.eq("age", 3L)));
  }

  @Test
  void emptyWhereMatchesEverything() {
    assertThat(where("{}").isAll()).isTrue();
    assertThat(parse("{'where': null}").where().isAll()).isTrue();
  }

  @Test
  void andOrNestFreely() {
    assertThat(where("{'or': [{'a': 1}, {'and': [{'b': 2}, {'c': {'gt': 3}}]}]}"))
        .isEqualTo(Where.or(Where.eq("a", 1L), Where.and(Where.eq("b", 2L), Where.gt("c", 3L))));
    assertThat(where("{'and': []}")).isEqualTo(Where.all());
    assertThat(where("{'or': []}")).isEqualTo(Where.none());
  }

  @Test
  void objectWithContiguousIndexKeysIsReadAsArray() {
    assertThat(where("{'or': {'1': {'b': 2}, '0': {'a': 1}}}"))
        .isEqualTo(Where.or(Where.eq("a", 1L), Where.eq("b", 2L)));
    assertThat(where("{'age': {'inq': {'0': 1, '1': null}}}"))
        .isEqualTo(Where.inq("age", Arrays.asList(1L, null)));
    assertThat(where("{'age': {'between': {'0': 1, '1': 5}}}"))
        .isEqualTo(Where.between("age", 1L, 5L));
  }

  @Test
  void objectWithGapInIndexKeysIsInvalid() {
    assertInvalid(
        "{'where': {'or': {'0': {'a': 1}, '2': {'b': 2}}}}",
        "where.or: an object read as an array needs the keys \"0\" … \"1\", got key \"2\"");
    assertInvalid(
        "{'where': {'age': {'nin': {'00': 1}}}}",
        "where.age.nin: an object read as an array needs the keys \"0\" … \"0\", got key"
            + " \"00\"");
  }

  @Test
  void andThatIsNotAnArrayIsInvalid() {
    assertInvalid("{'where': {'and': 5}}", "where.and: must be an array, got 5");
  }

  @Test
  void andElementThatIsNotAnObjectIsInvalid() {
    assertInvalid("{'where': {'and': [{}, 'x']}}", "where.and[1]: must be an object, got \"x\"");
  }

  @Test
  void whereThatIsNotAnObjectIsInvalid() {
    assertInvalid("{'where': 'x'}", "where: must be an object, got \"x\"");
  }

  @Test
  void errorsInsideAndCarryTheElementIndex() {
    assertInvalid(
        "{'where': {'and': [{'a': 1}, {'name': {'lik': 'x'}}]}}",
        "where.and[1].name.lik: unknown operator \"lik\"");
  }

  @Test
  void unknownOperatorIsInvalid() {
    assertInvalid("{'where': {'age': {'gtt': 1}}}", "where.age.gtt: unknown operator \"gtt\"");
  }

  @Test
  void dollarPrefixedOperatorsBecomeExtensionsForTheBinderToJudge() {
    assertThat(where("{'age': {'$mod': [2, 0]}}"))
        .isEqualTo(new Where.Extension("age", "$mod", List.of(2L, 0L)));
    assertThat(where("{'$expr': {'$gt': ['$a', 1]}, 'name': 'x'}"))
        .isEqualTo(
            Where.and(
                new Where.Extension("", "$expr", Map.of("$gt", List.of("$a", 1L))),
                Where.eq("name", "x")));
    assertThat(where("{'age': {'gt': 1, '$type': 'int'}}"))
        .isEqualTo(Where.and(Where.gt("age", 1L), new Where.Extension("age", "$type", "int")));
  }

  @Test
  void dollarPrefixedSegmentOfAPathIsInvalid() {
    assertInvalid(
        "{'where': {'address.$city': 'x'}}",
        "where.address.$city: \"$\"-prefixed keys are not allowed: \"address.$city\"");
  }

  @Test
  void malformedPropertyPathIsInvalid() {
    assertInvalid(
        "{'where': {'address..city': 'x'}}",
        "where.address..city: invalid property path \"address..city\"");
    assertInvalid("{'where': {'': 'x'}}", "where.: empty property name");
  }

  @Test
  void emptyOperatorObjectIsInvalid() {
    assertInvalid("{'where': {'age': {}}}", "where.age: empty operator object");
  }

  @Test
  void severalOperatorsInOneObjectAreAnded() {
    assertThat(where("{'age': {'gt': 20, 'lt': 30}}"))
        .isEqualTo(Where.and(Where.gt("age", 20L), Where.lt("age", 30L)));
  }

  @Test
  void everyOperatorIsRead() {
    assertThat(where("{'a': {'eq': 1}}")).isEqualTo(Where.eq("a", 1L));
    assertThat(where("{'a': {'neq': null}}")).isEqualTo(Where.neq("a", null));
    assertThat(where("{'a': {'gte': 1.5}}")).isEqualTo(Where.gte("a", 1.5));
    assertThat(where("{'a': {'lte': 'x'}}")).isEqualTo(Where.lte("a", "x"));
    assertThat(where("{'a': {'nin': []}}")).isEqualTo(Where.nin("a", List.of()));
    assertThat(where("{'a': {'nlike': 'x%'}}")).isEqualTo(Where.nlike("a", "x%"));
    assertThat(where("{'a': {'ilike': 'x%'}}")).isEqualTo(Where.ilike("a", "x%"));
    assertThat(where("{'a': {'nilike': 'x%'}}")).isEqualTo(Where.nilike("a", "x%"));
    assertThat(where("{'a': {'exists': false}}")).isEqualTo(Where.exists("a", false));
    assertThat(where("{'a.b': {'exists': 'true'}}")).isEqualTo(Where.exists("a.b", true));
  }

  @Test
  void betweenNeedsExactlyTwoValues() {
    assertInvalid(
        "{'where': {'age': {'between': [1]}}}",
        "where.age.between: needs exactly 2 values [low, high], got 1");
    assertInvalid(
        "{'where': {'age': {'between': [1, 2, 3]}}}",
        "where.age.between: needs exactly 2 values [low, high], got 3");
    assertInvalid(
        "{'where': {'age': {'between': 1}}}", "where.age.between: must be an array, got 1");
  }

  @Test
  void inqAndNinNeedArrays() {
    assertInvalid("{'where': {'age': {'inq': 1}}}", "where.age.inq: must be an array, got 1");
    assertInvalid(
        "{'where': {'age': {'nin': 'a,b'}}}", "where.age.nin: must be an array, got \"a,b\"");
  }

  @Test
  void likePatternMustBeAString() {
    assertInvalid(
        "{'where': {'name': {'like': 5}}}", "where.name.like: pattern must be a string, got 5");
    assertInvalid(
        "{'where': {'name': {'nilike': null}}}",
        "where.name.nilike: pattern must be a string, got null");
  }

  @Test
  void regexpSlashFormCarriesFlags() {
    assertThat(where("{'a': {'regexp': '/^x.y$/ims'}}"))
        .isEqualTo(new Where.Comparison("a", Operator.REGEXP, new Regexp("^x.y$", "ims")));
    assertThat(where("{'a': {'regexp': '^x'}}"))
        .isEqualTo(new Where.Comparison("a", Operator.REGEXP, new Regexp("^x", "")));
    assertThat(where("{'a': {'regexp': '/a/b/'}}"))
        .isEqualTo(new Where.Comparison("a", Operator.REGEXP, new Regexp("a/b", "")));
  }

  @Test
  void regexpWithUnsupportedFlagIsInvalid() {
    assertInvalid(
        "{'where': {'a': {'regexp': '/x/g'}}}",
        "where.a.regexp: unsupported regexp flag \"g\" (allowed: i, m, s)");
  }

  @Test
  void regexpThatDoesNotCompileIsInvalid() {
    assertInvalid(
        "{'where': {'a': {'regexp': '/(x/'}}}",
        "where.a.regexp: invalid regular expression \"(x\": Unclosed group");
  }

  @Test
  void regexpMustBeAString() {
    assertInvalid(
        "{'where': {'a': {'regexp': 1}}}", "where.a.regexp: regexp must be a string, got 1");
  }

  @Test
  void optionsIMakesLikeAndRegexpCaseInsensitive() {
    assertThat(where("{'a': {'like': 'x%', 'options': 'i'}}")).isEqualTo(Where.ilike("a", "x%"));
    assertThat(where("{'a': {'nlike': 'x%', 'options': 'i'}}")).isEqualTo(Where.nilike("a", "x%"));
    assertThat(where("{'a': {'regexp': '/x/m', 'options': 'i'}}"))
        .isEqualTo(new Where.Comparison("a", Operator.REGEXP, new Regexp("x", "mi")));
  }

  @Test
  void optionsOtherThanIOrAwayFromPatternOperatorsIsInvalid() {
    assertInvalid(
        "{'where': {'a': {'like': 'x', 'options': 'g'}}}",
        "where.a.options: only \"i\" is supported, got \"g\"");
    assertInvalid(
        "{'where': {'a': {'eq': 'x', 'options': 'i'}}}",
        "where.a.options: allowed only next to like, nlike, ilike, nilike, regexp");
  }

  @Test
  void existsNeedsABoolean() {
    assertInvalid(
        "{'where': {'a': {'exists': 1}}}", "where.a.exists: must be true or false, got 1");
  }

  @Test
  void whereNestedDeeperThan32LevelsIsInvalid() {
    assertThat(parse(nestedAnd(32)).where()).isNotNull();
    assertThatThrownBy(() -> parse(nestedAnd(33)))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER);
              assertThat(e.getMessage()).endsWith(": where nested deeper than 32 levels");
              assertThat(e.getMessage()).startsWith("where.and[0].and[0]");
            });
  }

  /** A where with {@code levels} nested where objects. */
  private static String nestedAnd(int levels) {
    String where = "{'a': 1}";
    for (int i = 1; i < levels; i++) {
      where = "{'and': [" + where + "]}";
    }
    return "{'where': " + where + "}";
  }

  @Test
  void valuesAreNormalised() {
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("age", 30);
    raw.put("score", 2.0f);
    assertThat(FilterParser.parse(Map.of("where", raw)).where())
        .isEqualTo(Where.and(Where.eq("age", 30L), Where.eq("score", 2L)));
  }

  // ------------------------------------------------------------------ limit, skip, offset

  @Test
  void limitAndSkipAcceptIntegersAndIntegerStrings() {
    Filter filter = parse("{'limit': '10', 'skip': 5}");
    assertThat(filter.limit()).isEqualTo(10);
    assertThat(filter.skip()).isEqualTo(5);
    assertThat(parse("{'limit': 10.0}").limit()).isEqualTo(10);
  }

  @Test
  void offsetIsAnAliasOfSkip() {
    assertThat(parse("{'offset': 7}").skip()).isEqualTo(7);
    assertThat(parse("{'offset': 7, 'skip': '7'}").skip()).isEqualTo(7);
  }

  @Test
  void offsetAndSkipThatDifferAreInvalid() {
    assertInvalid(
        "{'offset': 7, 'skip': 8}",
        "offset: offset 7 differs from skip 8 (offset is an alias of skip)");
  }

  @Test
  void limitThatIsNotANonNegativeIntegerIsInvalid() {
    assertInvalid("{'limit': 'x'}", "limit: must be a non-negative integer, got \"x\"");
    assertInvalid("{'limit': -1}", "limit: must be a non-negative integer, got -1");
    assertInvalid("{'limit': 1.5}", "limit: must be a non-negative integer, got 1.5");
    assertInvalid("{'limit': '-1'}", "limit: must be a non-negative integer, got \"-1\"");
    assertInvalid("{'limit': ' 1'}", "limit: must be a non-negative integer, got \" 1\"");
    assertInvalid("{'skip': true}", "skip: must be a non-negative integer, got true");
    assertInvalid(
        "{'offset': 99999999999999999999}",
        "offset: must be a non-negative integer, got 99999999999999999999");
  }

  // ------------------------------------------------------------------ order

  @Test
  void orderFormsAreRead() {
    assertThat(parse("{'order': 'name'}").order()).containsExactly(Order.asc("name"));
    assertThat(parse("{'order': 'name desc'}").order()).containsExactly(Order.desc("name"));
    assertThat(parse("{'order': 'a ASC, b DESC'}").order())
        .containsExactly(Order.asc("a"), Order.desc("b"));
    assertThat(parse("{'order': ['a Asc', 'address.city DESC']}").order())
        .containsExactly(Order.asc("a"), Order.desc("address.city"));
    assertThat(parse("{'order': []}").order()).isEmpty();
    assertThat(FilterParser.parseOrder("x DeSc")).containsExactly(Order.desc("x"));
  }

  @Test
  void orderWithBadDirectionIsInvalid() {
    assertInvalid(
        "{'order': 'name DOWN'}", "order: invalid sort direction \"DOWN\" (expected ASC or DESC)");
  }

  @Test
  void malformedOrderIsInvalid() {
    assertInvalid(
        "{'order': 'a b c'}",
        "order: invalid sort key \"a b c\" (expected \"property [ASC|DESC]\")");
    assertInvalid(
        "{'order': 'a,'}", "order: invalid sort key \"\" (expected \"property [ASC|DESC]\")");
    assertInvalid("{'order': ['a', 5]}", "order[1]: must be a string like \"name DESC\", got 5");
    assertInvalid(
        "{'order': 5}",
        "order: must be a string like \"name ASC, age DESC\" or an array of such keys, got 5");
    assertThatThrownBy(() -> FilterParser.parseOrder(""))
        .isInstanceOf(ConnectorException.class)
        .hasMessage("order: invalid sort key \"\" (expected \"property [ASC|DESC]\")");
  }

  // ------------------------------------------------------------------ fields

  @Test
  void fieldsFormsAreRead() {
    assertThat(parse("{'fields': 'a'}").fields()).isEqualTo(Fields.only("a"));
    assertThat(parse("{'fields': ['a', 'b']}").fields()).isEqualTo(Fields.only("a", "b"));
    assertThat(parse("{'fields': {'a': true}}").fields()).isEqualTo(Fields.only("a"));
    assertThat(parse("{'fields': {'a': false}}").fields()).isEqualTo(Fields.except("a"));
    assertThat(parse("{'fields': []}").fields().isAll()).isTrue();
    assertThat(parse("{'fields': {}}").fields().isAll()).isTrue();
  }

  @Test
  void mixedTrueAndFalseFieldsKeepOnlyTheTrueOnes() {
    Fields fields = parse("{'fields': {'a': true, 'b': false, 'c': 'true'}}").fields();
    assertThat(fields.include()).containsExactly("a", "c");
    assertThat(fields.selects("a")).isTrue();
    assertThat(fields.selects("b")).isFalse();
    assertThat(fields.selects("d")).isFalse();
    // kept so that the binder checks the name (C4.4: unknown names are INVALID_FILTER)
    assertThat(fields.exclude()).containsExactly("b");
  }

  @Test
  void malformedFieldsAreInvalid() {
    assertInvalid("{'fields': {'a': 1}}", "fields.a: must be true or false, got 1");
    assertInvalid("{'fields': [1]}", "fields[0]: must be a property name, got 1");
    assertInvalid(
        "{'fields': 5}", "fields: must be a property name, an array of names or an object, got 5");
    assertInvalid("{'fields': ''}", "fields: empty property name");
  }

  // ------------------------------------------------------------------ include

  @Test
  void includeFormsAreRead() {
    assertThat(parse("{'include': 'orders'}").include()).containsExactly(Include.of("orders"));
    assertThat(parse("{'include': ['orders', 'address']}").include())
        .containsExactly(Include.of("orders"), Include.of("address"));
    assertThat(parse("{'include': {'orders': 'items'}}").include())
        .containsExactly(
            new Include("orders", Filter.ALL.withInclude(List.of(Include.of("items")))));
    assertThat(
            parse(
                    "{'include': [{'relation': 'orders', 'scope': {'where': {'total': {'gt': 5}},"
                        + " 'limit': 2}}, 'address']}")
                .include())
        .containsExactly(
            new Include("orders", Filter.builder().where(Where.gt("total", 5L)).limit(2).build()),
            Include.of("address"));
  }

  @Test
  void errorsInsideIncludeScopeCarryThePath() {
    assertInvalid(
        "{'include': [{'relation': 'orders', 'scope': {'where': {'a': {'gtt': 1}}}}]}",
        "include[0].scope.where.a.gtt: unknown operator \"gtt\"");
    assertInvalid(
        "{'include': {'relation': 'orders', 'scope': {'limt': 1}}}",
        "include.scope: unknown key \"limt\" (allowed: where, fields, order, limit, skip,"
            + " offset, include)");
  }

  @Test
  void malformedIncludeIsInvalid() {
    assertInvalid(
        "{'include': {'relation': 5}}", "include.relation: must be a relation name, got 5");
    assertInvalid(
        "{'include': {'relation': 'a', 'where': {}}}",
        "include: unknown key \"where\" next to \"relation\" (allowed: scope)");
    assertInvalid(
        "{'include': 5}", "include: must be a relation name, an array or an object, got 5");
    assertInvalid("{'include': ['']}", "include[0]: empty relation name");
  }

  @Test
  void fieldsOrderAndIncludeTogether() {
    Filter filter =
        parse("{'where': {}, 'fields': ['a'], 'order': 'a DESC', 'include': 'o', 'limit': 0}");
    assertThat(filter)
        .isEqualTo(
            new Filter(
                Where.all(),
                new Fields(Set.of("a"), Set.of()),
                List.of(Order.desc("a")),
                0,
                0,
                List.of(Include.of("o"))));
  }

  @Test
  void parseWhereAloneUsesTheWherePrefix() {
    assertThat(FilterParser.parseWhere(json("{'a': 1}"))).isEqualTo(Where.eq("a", 1L));
    assertThat(FilterParser.parseWhere(null)).isEqualTo(Where.all());
    assertThatThrownBy(() -> FilterParser.parseWhere(json("{'a': {'x': 1}}")))
        .isInstanceOf(ConnectorException.class)
        .hasMessage("where.a.x: unknown operator \"x\"");
  }
}
