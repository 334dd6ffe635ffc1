package io.connectorkit.connector.mongodb;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.spi.ConnectorErrors;
import io.connectorkit.core.spi.EntityIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * Pure translations from a record's id and patch to the BSON of MongoDB's commands: the update
 * command's shape, the filter of one id, and the {@code $set}/{@code $unset}/operator document of a
 * patch. No I/O, so the writers, the id generator and the upserts share one wording of each.
 */
final class MongoUpdates {
  private MongoUpdates() {}

  /**
   * MongoDB's update command: the collection under {@code update}, the one statement under {@code
   * updates} (the filter {@code q}, the update or replacement {@code u}).
   */
  static Document updateCommand(
      String collection, Document filter, Document update, boolean multi, boolean upsert) {
    Document statement = new Document("q", filter).append("u", update);
    if (multi) {
      statement.append("multi", true);
    }
    if (upsert) {
      statement.append("upsert", true);
    }
    return new Document("update", collection).append("updates", List.of(statement));
  }

  /** The single statement of an {@link #updateCommand}, as a listener may have replaced it. */
  static Document statement(Document command) {
    return command.getList("updates", Document.class).get(0);
  }

  /** The id of a row: its id property's value (null when absent), or a map of a composite id. */
  static @Nullable Object idOf(MongoModel mapping, Map<String, Object> row) {
    if (mapping.definition().idProperties().isEmpty()) {
      throw ConnectorErrors.noId(mapping.definition(), "upsertWithWhere");
    }
    return EntityIds.of(mapping.definition(), row);
  }

  /**
   * The filter of one id: {@code {_id: v}} (an ObjectId or its hex string) or the id fields. A null
   * single id is {@code {_id: null}}; a composite id must be a map.
   */
  static Document idFilter(MongoModel mapping, @Nullable Object id) {
    List<PropertyDefinition> ids = mapping.definition().idProperties();
    if (ids.isEmpty()) {
      throw ConnectorErrors.noId(mapping.definition(), "by id");
    }
    if (ids.size() == 1) {
      PropertyDefinition property = ids.get(0);
      if (mapping.isObjectId(property) && MongoModel.looksLikeObjectId(id)) {
        return new Document(
            MongoModel.ID_FIELD, new Document("$in", List.of(new ObjectId((String) id), id)));
      }
      return new Document(MongoModel.ID_FIELD, mapping.toBson(property, id));
    }
    if (!(id instanceof Map<?, ?> key)) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "model " + mapping.definition().name() + " has a composite id: give a map of its parts");
    }
    Document filter = new Document();
    for (PropertyDefinition property : ids) {
      filter.put(
          mapping.field(property.name()), mapping.toBson(property, key.get(property.name())));
    }
    return filter;
  }

  /**
   * The patch as an update document: {@code $set} of the values, {@code $unset} of the nulls (a
   * null is stored as an absent field, see {@link MongoModel#toDocument}); the id fields never
   * change. Update operators ({@code $inc}, {@code $push}, …, allowed by allowExtendedOperators and
   * validated by the core) are added with their field names mapped and their operands in BSON.
   * Empty for an empty patch.
   */
  static Document setOf(MongoModel mapping, Map<String, Object> data) {
    Map<String, Object> patch = new LinkedHashMap<>(data);
    mapping.definition().idProperties().forEach(id -> patch.remove(id.name()));
    Document set = new Document();
    Document unset = new Document();
    Map<String, Document> operators = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : patch.entrySet()) {
      String key = entry.getKey();
      if (key.startsWith("$") && entry.getValue() instanceof Map<?, ?> fields) {
        Document operator =
            key.equals("$set")
                ? set
                : key.equals("$unset")
                    ? unset
                    : operators.computeIfAbsent(key, k -> new Document());
        fields.forEach(
            (field, operand) ->
                operator.put(
                    mapping.fieldPath(String.valueOf(field)),
                    operatorOperand(mapping, key, String.valueOf(field), operand)));
      } else if (entry.getValue() == null) {
        unset.put(mapping.field(key), "");
      } else {
        set.put(mapping.field(key), mapping.toBson(mapping.property(key), entry.getValue()));
      }
    }
    Document update = new Document();
    if (!set.isEmpty()) {
      update.put("$set", set);
    }
    if (!unset.isEmpty()) {
      update.put("$unset", unset);
    }
    update.putAll(operators);
    return update;
  }

  /** The BSON operand of one field of an update operator. */
  static @Nullable Object operatorOperand(
      MongoModel mapping, String operator, String field, @Nullable Object operand) {
    if (operator.equals("$rename") && operand instanceof String target) {
      return mapping.fieldPath(target); // the new name of a property is its field name
    }
    PropertyDefinition property = field.indexOf('.') < 0 ? mapping.property(field) : null;
    if (property == null || property.type().isArray() || operand instanceof Map<?, ?>) {
      return MongoModel.toBson(operand);
    }
    return mapping.toBson(property, operand);
  }
}
