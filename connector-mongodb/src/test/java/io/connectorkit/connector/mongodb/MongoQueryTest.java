package io.connectorkit.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterBinder;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.Pushdown;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The BSON generated for every operator, and what is left to the core. */
class MongoQueryTest {
  private static final ModelDefinition MODEL =
      ModelDefinition.fromJson(
              """
              {"name": "Person", "strict": false,
               "properties": {
                 "name": {"type": "string", "mongodb": {"fieldName": "full_name"}},
                 "age": "number",
                 "vip": "boolean",
                 "born": "date",
                 "tags": ["string"],
                 "address": "object",
                 "extra": "any",
                 "ref": {"type": "string", "mongodb": {"dataType": "ObjectId"}},
                 "price": {"type": "number", "mongodb": {"dataType": "Decimal128"}}
               }}
              """)
          .withInjectedId(PropertyType.STRING);

  private static final MongoQuery QUERY = new MongoQuery(new MongoModel(MODEL), true);
  private static final MongoQuery UTF16_SERVER = new MongoQuery(new MongoModel(MODEL), false);

  private static Filter filter(String json) {
    return FilterBinder.bind(FilterParser.parse(json), MODEL);
  }

  private static String bson(String where) {
    Pushdown pushdown = QUERY.pushdown(filter("{\"where\": " + where + "}"));
    assertThat(pushdown.residual().isAll()).as("fully pushed down: " + where).isTrue();
    return QUERY.filter(pushdown.enforced()).toJson();
  }

  private static void residual(String where) {
    Pushdown pushdown = QUERY.pushdown(filter("{\"where\": " + where + "}"));
    assertThat(pushdown.residual().isAll()).as("left to the core: " + where).isFalse();
  }

  private static Document regex(String field, String pattern, String options) {
    return new Document(field, new Document("$regex", pattern).append("$options", options));
  }

  private static String json(String json) {
    return Document.parse(json).toJson();
  }

  @Test
  void equalityUsesTheFieldName() {
    assertThat(bson("{\"name\": \"Ann\"}")).isEqualTo(json("{\"full_name\": \"Ann\"}"));
    assertThat(bson("{\"name\": {\"eq\": \"Ann\"}}")).isEqualTo(json("{\"full_name\": \"Ann\"}"));
  }

  @Test
  void equalityWithNullMatchesNullAndMissing() {
    assertThat(bson("{\"age\": null}")).isEqualTo(json("{\"age\": null}"));
  }

  @Test
  void negativeOperatorsAreTheNorOfTheirPositiveTwin() {
    assertThat(bson("{\"age\": {\"neq\": 5}}"))
        .isEqualTo(json("{\"$nor\": [{\"age\": {\"$numberLong\": \"5\"}}]}"));
    assertThat(bson("{\"age\": {\"nin\": [1, null]}}"))
        .isEqualTo(json("{\"$nor\": [{\"age\": {\"$in\": [{\"$numberLong\": \"1\"}, null]}}]}"));
    assertThat(bson("{\"name\": {\"nlike\": \"A%\"}}"))
        .isEqualTo(
            new Document("$nor", java.util.List.of(regex("full_name", "\\AA[\\s\\S]*\\z", "")))
                .toJson());
  }

  @Test
  void comparisons() {
    assertThat(bson("{\"age\": {\"gt\": 1}}"))
        .isEqualTo(json("{\"age\": {\"$gt\": {\"$numberLong\": \"1\"}}}"));
    assertThat(bson("{\"age\": {\"gte\": 1.5}}")).isEqualTo(json("{\"age\": {\"$gte\": 1.5}}"));
    assertThat(bson("{\"born\": {\"lt\": \"2000-01-01\"}}"))
        .isEqualTo(json("{\"born\": {\"$lt\": {\"$date\": \"2000-01-01T00:00:00Z\"}}}"));
    assertThat(bson("{\"vip\": {\"lte\": true}}")).isEqualTo(json("{\"vip\": {\"$lte\": true}}"));
    assertThat(bson("{\"age\": {\"gt\": null}}")).isEqualTo(MongoQuery.NOTHING.toJson());
  }

  @Test
  void betweenIsOneElementRangeOnArrays() {
    assertThat(bson("{\"age\": {\"between\": [1, 2]}}"))
        .isEqualTo(
            json(
                "{\"age\": {\"$gte\": {\"$numberLong\": \"1\"}, \"$lte\": {\"$numberLong\":"
                    + " \"2\"}}}"));
    assertThat(bson("{\"tags\": {\"between\": [\"a\", \"c\"]}}"))
        .isEqualTo(json("{\"tags\": {\"$elemMatch\": {\"$gte\": \"a\", \"$lte\": \"c\"}}}"));
    assertThat(bson("{\"age\": {\"between\": [null, 2]}}")).isEqualTo(MongoQuery.NOTHING.toJson());
  }

  @Test
  void inqAndEmptyLists() {
    assertThat(bson("{\"name\": {\"inq\": [\"a\", null]}}"))
        .isEqualTo(json("{\"full_name\": {\"$in\": [\"a\", null]}}"));
    assertThat(bson("{\"name\": {\"inq\": []}}")).isEqualTo(MongoQuery.NOTHING.toJson());
    assertThat(bson("{\"name\": {\"nin\": []}}"))
        .isEqualTo(new Document("$nor", java.util.List.of(MongoQuery.NOTHING)).toJson());
  }

  @Test
  void likeIsAnAnchoredEscapedRegex() {
    assertThat(MongoQuery.likeToRegex("a%b_c")).isEqualTo("\\Aa[\\s\\S]*b[\\s\\S]c\\z");
    assertThat(MongoQuery.likeToRegex("50\\%.(x)")).isEqualTo("\\A50\\%\\.\\(x\\)\\z");
    assertThat(bson("{\"name\": {\"ilike\": \"%ab%\"}}"))
        .isEqualTo(regex("full_name", "\\A[\\s\\S]*ab[\\s\\S]*\\z", "i").toJson());
    assertThat(bson("{\"tags\": {\"like\": \"a%\"}}"))
        .isEqualTo(
            new Document(
                    "tags", new Document("$elemMatch", regex("x", "\\Aa[\\s\\S]*\\z", "").get("x")))
                .toJson());
  }

  @Test
  void ilikeWithLettersThatFoldBeyondAsciiIsResidual() {
    residual("{\"name\": {\"ilike\": \"%is%\"}}");
    residual("{\"name\": {\"ilike\": \"%é%\"}}");
  }

  @Test
  void regexpOnlyForPlainLiterals() {
    assertThat(bson("{\"name\": {\"regexp\": \"^Ann\"}}"))
        .isEqualTo(regex("full_name", "^Ann", "").toJson());
    residual("{\"name\": {\"regexp\": \"/^a.b$/i\"}}");
    residual("{\"name\": {\"regexp\": \"\\\\d+\"}}");
  }

  @Test
  void exists() {
    assertThat(bson("{\"age\": {\"exists\": true}}")).isEqualTo(json("{\"age\": {\"$ne\": null}}"));
    assertThat(bson("{\"age\": {\"exists\": false}}")).isEqualTo(json("{\"age\": null}"));
    residual("{\"tags\": {\"exists\": true}}");
  }

  @Test
  void andOrAndEmptyForms() {
    assertThat(bson("{\"or\": [{\"age\": 1}, {\"vip\": true}]}"))
        .isEqualTo(json("{\"$or\": [{\"age\": {\"$numberLong\": \"1\"}}, {\"vip\": true}]}"));
    assertThat(bson("{\"and\": []}")).isEqualTo("{}");
    assertThat(bson("{\"or\": []}")).isEqualTo(MongoQuery.NOTHING.toJson());
  }

  @Test
  void nestedPathsArePushedDown() {
    assertThat(bson("{\"address.city\": \"Paris\"}"))
        .isEqualTo(json("{\"address.city\": \"Paris\"}"));
    residual("{\"address.city\": null}");
    residual("{\"address.0.city\": \"Paris\"}");
  }

  @Test
  void objectIdPropertiesMatchTheObjectIdAndTheString() {
    String hex = "0123456789abcdef01234567";
    assertThat(bson("{\"id\": \"" + hex + "\"}"))
        .isEqualTo(json("{\"_id\": {\"$in\": [{\"$oid\": \"" + hex + "\"}, \"" + hex + "\"]}}"));
    assertThat(bson("{\"ref\": \"plain\"}")).isEqualTo(json("{\"ref\": {\"$in\": [\"plain\"]}}"));
  }

  @Test
  void untypedValuesStayResidual() {
    residual("{\"extra\": 5}");
    residual("{\"undeclared\": 5}");
    residual("{\"price\": 5}");
    residual("{\"tags\": null}");
  }

  @Test
  void partialPushdownKeepsTheRestResidual() {
    Pushdown pushdown = QUERY.pushdown(filter("{\"where\": {\"age\": 1, \"extra\": 2}}"));
    assertThat(QUERY.filter(pushdown.enforced()).toJson())
        .isEqualTo(json("{\"age\": {\"$numberLong\": \"1\"}}"));
    assertThat(pushdown.residual()).isEqualTo(Where.eq("extra", 2L));
  }

  @Test
  void sortAppendsTheIdTieBreak() {
    Filter filter = filter("{\"order\": \"name DESC\"}");
    assertThat(QUERY.serverSorts(filter.order())).isTrue();
    assertThat(QUERY.sort(filter.order()).toJson())
        .isEqualTo(json("{\"full_name\": -1, \"_id\": 1}"));
    assertThat(QUERY.serverSorts(filter("{\"order\": \"address.city\"}").order())).isFalse();
  }

  @Test
  void onAServerWithoutCodePointOrderStringRangesAndSortsStayResidual() {
    Filter range = filter("{\"where\": {\"name\": {\"gt\": \"a\"}}, \"order\": \"name\"}");
    Pushdown pushdown = UTF16_SERVER.pushdown(range);
    assertThat(pushdown.residual().isAll()).isFalse();
    assertThat(UTF16_SERVER.serverSorts(range.order())).isFalse();
    // ObjectId ids are hex: their tie-break sorts the same in UTF-16 and code-point order.
    assertThat(UTF16_SERVER.serverSorts(filter("{\"order\": \"age\"}").order())).isTrue();
  }

  // ------------------------------------------------------------------ extended operators

  private static String extended(String where) {
    Filter bound = FilterBinder.bind(FilterParser.parse("{\"where\": " + where + "}"), MODEL, true);
    Pushdown pushdown = QUERY.pushdown(bound);
    assertThat(pushdown.residual().isAll()).as("fully pushed down: " + where).isTrue();
    return QUERY.filter(pushdown.enforced()).toJson();
  }

  @Test
  void extendedOperatorsPassToTheServerWithFieldNamesAndTypedOperands() {
    assertThat(extended("{\"age\": {\"$mod\": [2, 0]}}"))
        .isEqualTo(
            json("{\"age\": {\"$mod\": [{\"$numberLong\": \"2\"}, {\"$numberLong\": \"0\"}]}}"));
    assertThat(extended("{\"name\": {\"$type\": \"string\"}}"))
        .isEqualTo(json("{\"full_name\": {\"$type\": \"string\"}}"));
    assertThat(extended("{\"born\": {\"$gte\": \"2020-01-01T00:00:00Z\"}}"))
        .isEqualTo(json("{\"born\": {\"$gte\": {\"$date\": \"2020-01-01T00:00:00Z\"}}}"));
    String hex = "65a1b2c3d4e5f60718293a4b";
    assertThat(extended("{\"ref\": {\"$in\": [\"" + hex + "\"]}}"))
        .isEqualTo(json("{\"ref\": {\"$in\": [{\"$oid\": \"" + hex + "\"}]}}"));
    assertThat(extended("{\"tags\": {\"$size\": 2}, \"$expr\": {\"$gt\": [\"$a\", 1]}}"))
        .isEqualTo(
            json(
                "{\"$and\": [{\"tags\": {\"$size\": {\"$numberLong\": \"2\"}}},"
                    + " {\"$expr\": {\"$gt\": [\"$a\", {\"$numberLong\": \"1\"}]}}]}"));
  }

  @Test
  void serverSideJavaScriptIsRefusedEvenWhenExtendedOperatorsAreAllowed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> extended("{\"$where\": \"this.age > 1\"}"))
        .isInstanceOfSatisfying(
            io.connectorkit.core.common.ConnectorException.class,
            e ->
                assertThat(e.code())
                    .isEqualTo(io.connectorkit.core.common.ErrorCode.INVALID_FILTER))
        .hasMessageContaining("where.$where: server-side JavaScript is not allowed");
  }
}
