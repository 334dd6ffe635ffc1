package io.connectorkit.tck;

import io.connectorkit.core.Dao;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Shared data and assertion helpers of the TCK's sections. */
final class CrudFixtures {
  private CrudFixtures() {}

  /** A mutable map from alternating keys and values; values may be null. */
  static Map<String, @Nullable Object> row(@Nullable Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("row needs keys and values in pairs");
    }
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return row;
  }

  /**
   * The per-property details of a VALIDATION_FAILED error; for a batch (first item failing), the
   * details of item {@code "0"}: a batch error's details are keyed by item index, each holding that
   * item's per-property details.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> propertyDetails(ConnectorException e, boolean batch) {
    if (!batch) {
      return e.details();
    }
    Object item = e.details().get("0");
    if (!(item instanceof Map<?, ?>)) {
      throw new AssertionError(
          "C5: a batch VALIDATION_FAILED keys its details by item index, got " + e.details());
    }
    return (Map<String, Object>) item;
  }

  /**
   * The id of a record a DAO operation returned, failing when it has none: a created or stored
   * record carries its id (C3), and the tests need it for the next call.
   */
  static Object idOf(Map<String, ?> record) {
    return present(record.get("id"), "C3: a record returned by the DAO carries its id", record);
  }

  /**
   * {@code value}, which the rule says is there; an assertion failure citing the rule and showing
   * {@code holder} when it is null, so that a connector that breaks the rule fails the test that
   * checks it rather than a later line with a bare {@link NullPointerException}.
   */
  static <T> T present(@Nullable T value, String rule, Object holder) {
    if (value == null) {
      throw new AssertionError(rule + ", got " + holder);
    }
    return value;
  }

  /** The stored record with this id, failing when there is none. */
  static Map<String, Object> stored(Dao dao, Object id) {
    return dao.findById(id)
        .orElseThrow(() -> new AssertionError("the record with id " + id + " is missing"));
  }

  /** The names of every record, in id order. */
  static List<Object> names(Dao dao) {
    return dao.find(Filter.ALL).stream().map(r -> r.get("name")).toList();
  }

  /** The names of the records matching a where, in id order. */
  static List<Object> names(Dao dao, Where where) {
    return dao.find(Filter.where(where)).stream().map(r -> r.get("name")).toList();
  }

  /**
   * Calls one of the upsert aliases by name: {@code upsert}, {@code updateOrCreate}, {@code
   * patchOrCreate}.
   */
  static Map<String, Object> upsertVia(Dao dao, String method, Map<String, ?> data) {
    return switch (method) {
      case "upsert" -> dao.upsert(data);
      case "updateOrCreate" -> dao.updateOrCreate(data, Options.NONE);
      case "patchOrCreate" -> dao.patchOrCreate(data, Options.NONE);
      default -> throw new IllegalArgumentException("not an upsert alias: " + method);
    };
  }
}
