package io.connectorkit.connector.mongodb;

import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The shape of a command document with its values elided, for query logs and traces: keys kept,
 * every value but the command's collection replaced by {@code ?}. Stateless.
 */
final class MongoShapes {
  private MongoShapes() {}

  /** {@code {"find": "Person", "filter": {"age": {"$gt": ?}}, "limit": ?}}. */
  static String elide(Document command) {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, Object> entry : command.entrySet()) {
      if (!first) {
        out.append(", ");
      }
      out.append('"').append(entry.getKey()).append("\": ");
      // The command's own first value is the collection: the target, not user data.
      if (first && entry.getValue() instanceof String collection) {
        out.append('"').append(collection).append('"');
      } else {
        value(entry.getValue(), out);
      }
      first = false;
    }
    return out.append('}').toString();
  }

  private static void value(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          out.append(", ");
        }
        out.append('"').append(entry.getKey()).append("\": ");
        value(entry.getValue(), out);
        first = false;
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      // One element shows the shape; a thousand-document insert must not make a thousand.
      out.append('[');
      if (!list.isEmpty()) {
        value(list.get(0), out);
      }
      if (list.size() > 1) {
        out.append(", … ").append(list.size() - 1).append(" more");
      }
      out.append(']');
    } else {
      out.append('?');
    }
  }
}
