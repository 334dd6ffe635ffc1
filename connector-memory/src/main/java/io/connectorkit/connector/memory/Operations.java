package io.connectorkit.connector.memory;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterEvaluator;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.spi.ConnectorErrors;
import io.connectorkit.core.spi.UpsertData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The connector's operations over a {@link TableView}, the same code inside and outside
 * transactions. Callers hold the right lock and undo the view's changes when one of these throws.
 */
final class Operations {
  private Operations() {}

  static Map<String, Object> create(TableView view, Map<String, Object> data) {
    ModelDefinition model = view.model();
    Map<String, Object> row = Rows.copy(data);
    Object key = Rows.keyOf(model, row);
    if (key == null) {
      key = generateKey(view, row);
    } else {
      if (view.get(key) != null) {
        throw duplicateId(model, key);
      }
      view.observeId(key);
    }
    view.put(key, row);
    return Rows.copy(row);
  }

  static List<Map<String, Object>> createAll(TableView view, List<Map<String, Object>> data) {
    List<Map<String, Object>> created = new ArrayList<>(data.size());
    for (Map<String, Object> item : data) {
      created.add(create(view, item));
    }
    return created;
  }

  static List<Map<String, Object>> find(TableView view, Filter filter) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Table.Entry entry : view.candidates(filter.where())) {
      rows.add(entry.row());
    }
    List<Map<String, Object>> found =
        FilterEvaluator.apply(filter, rows, Rows.idNames(view.model()));
    List<Map<String, Object>> copies = new ArrayList<>(found.size());
    found.forEach(row -> copies.add(Rows.copy(row)));
    return copies;
  }

  static long count(TableView view, Where where) {
    return matching(view, where).size();
  }

  static long update(TableView view, Where where, Map<String, Object> patch) {
    List<Table.Entry> matches = matching(view, where);
    for (Table.Entry entry : matches) {
      write(view, entry.key(), patched(entry.row(), patch));
    }
    return matches.size();
  }

  static long destroyAll(TableView view, Where where) {
    List<Table.Entry> matches = matching(view, where);
    matches.forEach(entry -> view.remove(entry.key()));
    return matches.size();
  }

  static Map<String, Object> updateAttributes(
      TableView view, @Nullable Object id, Map<String, Object> patch) {
    Object key = Rows.keyOfId(view.model(), id);
    Map<String, Object> existing = existing(view, key);
    checkSameId(view.model(), key, patch);
    Map<String, Object> row = patched(existing, patch);
    view.put(key, row);
    return Rows.copy(row);
  }

  static Map<String, Object> replaceById(
      TableView view, @Nullable Object id, Map<String, Object> data) {
    ModelDefinition model = view.model();
    Object key = Rows.keyOfId(model, id);
    existing(view, key);
    checkSameId(model, key, data);
    Map<String, Object> row = Rows.copy(data);
    keepId(model, row, key);
    view.put(key, row);
    return Rows.copy(row);
  }

  static UpsertResult updateOrCreate(
      TableView view, @Nullable Object id, UpsertData data, boolean replace) {
    ModelDefinition model = view.model();
    if (id != null) {
      Object key = Rows.keyOfId(model, id);
      if (view.get(key) != null) {
        return new UpsertResult(
            // For an existing record the DAO's patch is the whole replacement: forCreate() is the
            // create branch only (it may refuse, e.g. with forceId).
            replace
                ? replaceById(view, id, data.patch())
                : updateAttributes(view, id, data.patch()),
            false);
      }
      Map<String, Object> record = new LinkedHashMap<>(data.forCreate());
      keepId(model, record, key);
      return new UpsertResult(create(view, record), true);
    }
    return new UpsertResult(create(view, data.forCreate()), true);
  }

  static UpsertResult upsertWithWhere(TableView view, Where where, UpsertData data) {
    List<Table.Entry> matches = matching(view, where);
    if (matches.size() > 1) {
      throw ConnectorErrors.multipleInstances(view.model(), where);
    }
    if (matches.isEmpty()) {
      return new UpsertResult(create(view, data.forCreate()), true);
    }
    Table.Entry match = matches.get(0);
    checkSameId(view.model(), match.key(), data.patch());
    Map<String, Object> row = patched(match.row(), data.patch());
    view.put(match.key(), row);
    return new UpsertResult(Rows.copy(row), false);
  }

  static UpsertResult findOrCreate(
      TableView view, Filter filter, Supplier<Map<String, Object>> data) {
    List<Map<String, Object>> found = find(view, filter.withPage(1, filter.skip()));
    if (!found.isEmpty()) {
      return new UpsertResult(found.get(0), false);
    }
    return new UpsertResult(create(view, data.get()), true);
  }

  private static List<Table.Entry> matching(TableView view, Where where) {
    List<Table.Entry> matches = new ArrayList<>();
    Predicate<Map<String, Object>> predicate = FilterEvaluator.predicate(where);
    for (Table.Entry entry : view.candidates(where)) {
      if (predicate.test(entry.row())) {
        matches.add(entry);
      }
    }
    return matches;
  }

  /** Stores a changed row, moving it when the change gave it another id. */
  private static void write(TableView view, Object key, Map<String, Object> row) {
    ModelDefinition model = view.model();
    Object newKey = model.hasId() ? Rows.keyOf(model, row) : key;
    if (newKey == null) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT, "the id of " + model.name() + " cannot be set to null");
    }
    if (!newKey.equals(key)) {
      if (view.get(newKey) != null) {
        throw duplicateId(model, newKey);
      }
      view.remove(key);
      view.observeId(newKey);
    }
    view.put(newKey, row);
  }

  private static Map<String, Object> existing(TableView view, Object key) {
    Map<String, Object> row = view.get(key);
    if (row == null) {
      // Composite and buffer keys are shown as Rows renders them.
      throw ConnectorErrors.notFound(
          view.model(),
          key instanceof List<?> || key instanceof java.nio.ByteBuffer ? Rows.showKey(key) : key);
    }
    return row;
  }

  private static void checkSameId(ModelDefinition model, Object key, Map<String, Object> data) {
    for (PropertyDefinition id : model.idProperties()) {
      if (data.get(id.name()) == null) {
        continue;
      }
      Map<String, Object> merged = new LinkedHashMap<>();
      for (PropertyDefinition part : model.idProperties()) {
        merged.put(part.name(), data.get(part.name()));
      }
      Object given = Rows.keyOf(model, merged);
      boolean same =
          model.hasCompositeId()
              ? sameParts(model, key, merged)
              : given != null && given.equals(key);
      if (!same) {
        throw new ConnectorException(
            ErrorCode.INVALID_ARGUMENT,
            "cannot change the id of "
                + model.name()
                + " "
                + Rows.showKey(key)
                + " to "
                + Rows.showKey(given == null ? merged : given));
      }
      return;
    }
  }

  private static boolean sameParts(ModelDefinition model, Object key, Map<String, Object> given) {
    List<?> parts = (List<?>) key;
    List<PropertyDefinition> ids = model.idProperties();
    for (int i = 0; i < ids.size(); i++) {
      Object value = given.get(ids.get(i).name());
      if (value != null && !Rows.hashable(value).equals(parts.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Puts the id of {@code key} into a row that does not carry it. */
  private static void keepId(ModelDefinition model, Map<String, Object> row, Object key) {
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.size() == 1) {
      if (row.get(ids.get(0).name()) == null) {
        row.put(ids.get(0).name(), unwrap(key));
      }
      return;
    }
    List<?> parts = (List<?>) key;
    for (int i = 0; i < ids.size(); i++) {
      if (row.get(ids.get(i).name()) == null) {
        row.put(ids.get(i).name(), unwrap(parts.get(i)));
      }
    }
  }

  private static Object unwrap(Object hashable) {
    if (hashable instanceof java.nio.ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }
    return hashable;
  }

  private static Map<String, Object> patched(Map<String, Object> row, Map<String, Object> patch) {
    Map<String, Object> result = new LinkedHashMap<>(row);
    patch.forEach((name, value) -> result.put(name, Rows.copyValue(value)));
    // Untouched values are shared with the previous version of the row; stored rows are never
    // mutated, so sharing is safe and saves copying large rows on every patch.
    return result;
  }

  private static Object generateKey(TableView view, Map<String, Object> row) {
    ModelDefinition model = view.model();
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.isEmpty()) {
      return view.nextSurrogate();
    }
    if (ids.size() > 1) {
      List<String> missing = new ArrayList<>();
      ids.stream().filter(p -> row.get(p.name()) == null).forEach(p -> missing.add(p.name()));
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "cannot create " + model.name() + " without its composite id part(s) " + missing);
    }
    PropertyDefinition id = ids.get(0);
    Object value =
        switch (id.type().kind()) {
          case NUMBER, ANY -> view.nextId();
          case STRING -> UUID.randomUUID().toString();
          default ->
              throw new ConnectorException(
                  ErrorCode.INVALID_ARGUMENT,
                  "cannot generate an id of type "
                      + id.type()
                      + " for "
                      + model.name()
                      + "."
                      + id.name());
        };
    row.put(id.name(), value);
    return Rows.hashable(value);
  }

  static ConnectorException duplicateId(ModelDefinition model, Object key) {
    return new ConnectorException(
        ErrorCode.DUPLICATE_KEY,
        model.name() + " with id " + Rows.showKey(key) + " already exists",
        Map.of("model", model.name()));
  }
}
