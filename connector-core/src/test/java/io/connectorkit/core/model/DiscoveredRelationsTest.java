package io.connectorkit.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class DiscoveredRelationsTest {

  private static Map<String, Object> model(
      String name, Map<String, Object> properties, Map<String, Object> foreignKeys) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", name);
    model.put("properties", properties);
    if (!foreignKeys.isEmpty()) {
      model.put("foreignKeys", foreignKeys);
    }
    return model;
  }

  private static Map<String, Object> fk(String entity, String foreignKey) {
    return Map.of("name", "fk", "entity", entity, "entityKey", "id", "foreignKey", foreignKey);
  }

  private static final Map<String, Object> ID =
      Map.of("type", "number", "id", true, "generated", true);

  @Test
  void twoKeysToOneModelGetDistinctInverseNamesAndCompositeKeysGiveNoRelation() {
    Map<String, Object> person = model("Person", Map.of("id", ID), Map.of());
    Map<String, Object> transfer =
        model(
            "Transfer",
            Map.of("id", ID, "fromId", "number", "toId", "number", "a", "number", "b", "number"),
            Map.of(
                "fk_from", fk("Person", "fromId"),
                "fk_to", fk("Person", "toId"),
                "fk_ab", Map.of("entity", "Person", "entityKey", "x,y", "foreignKey", "a,b")));

    List<Map<String, Object>> models = DiscoveredRelations.derive(List.of(person, transfer));

    Map<String, Object> personRelations = (Map<String, Object>) models.get(0).get("relations");
    assertThat(personRelations).containsOnlyKeys("transfers", "transfersByTo");
    Map<String, Object> transferRelations = (Map<String, Object>) models.get(1).get("relations");
    assertThat(transferRelations).containsOnlyKeys("from", "to");
    assertThat(person).doesNotContainKey("relations"); // the input is not changed
  }

  @Test
  void aPureLinkTableGivesHasManyThroughBothWaysAndAUniqueKeyGivesHasOne() {
    Map<String, Object> post = model("Post", Map.of("id", ID), Map.of());
    Map<String, Object> tag = model("Tag", Map.of("id", ID), Map.of());
    Map<String, Object> postTag =
        model(
            "PostTag",
            Map.of("id", ID, "postId", "number", "tagId", "number"),
            Map.of("fk_post", fk("Post", "postId"), "fk_tag", fk("Tag", "tagId")));
    Map<String, Object> cover =
        model(
            "Cover",
            Map.of("id", ID, "postId", "number"),
            Map.of("fk_cover", fk("Post", "postId")));
    cover.put(
        "indexes",
        Map.of(
            "cover_post", Map.of("keys", Map.of("postId", 1), "options", Map.of("unique", true))));

    List<Map<String, Object>> models =
        DiscoveredRelations.derive(List.of(post, tag, postTag, cover));

    Map<?, ?> postRelations = (Map<?, ?>) models.get(0).get("relations");
    assertThat(postRelations.get("tags"))
        .isEqualTo(
            Map.of(
                "type",
                "hasMany",
                "model",
                "Tag",
                "through",
                "PostTag",
                "foreignKey",
                "postId",
                "keyThrough",
                "tagId"));
    assertThat(postRelations.get("cover"))
        .isEqualTo(Map.of("type", "hasOne", "model", "Cover", "foreignKey", "postId"));
    assertThat(((Map<?, ?>) models.get(1).get("relations")).get("posts"))
        .isEqualTo(
            Map.of(
                "type",
                "hasMany",
                "model",
                "Post",
                "through",
                "PostTag",
                "foreignKey",
                "tagId",
                "keyThrough",
                "postId"));
    for (Map<String, Object> model : models) {
      assertThat(ModelDefinition.fromMap(model).name()).isEqualTo(model.get("name"));
    }
  }

  @Test
  void namesAreLoopBacksCamelAndPascalCase() {
    assertThat(ModelNames.pascal("order_item")).isEqualTo("OrderItem");
    assertThat(ModelNames.pascal("CkEveryType")).isEqualTo("CkEveryType");
    assertThat(ModelNames.camel("customer_id")).isEqualTo("customerId");
    assertThat(ModelNames.camel("userID")).isEqualTo("userId");
    assertThat(ModelNames.camel("SKU")).isEqualTo("sku");
    assertThat(ModelNames.camel("--")).isEqualTo("--");
    assertThat(ModelNames.plural("category")).isEqualTo("categories");
    assertThat(ModelNames.plural("address")).isEqualTo("addresses");
    assertThat(ModelNames.plural("day")).isEqualTo("days");
  }
}
