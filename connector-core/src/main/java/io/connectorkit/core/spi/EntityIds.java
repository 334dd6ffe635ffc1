package io.connectorkit.core.spi;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Ids as connectors see them: an id's where and a row's id, for single and composite ids, the same
 * way in every connector. For connector authors.
 */
public final class EntityIds {
  private EntityIds() {}

  /**
   * The where of one id: {@code eq} on the id property, or an {@code and} of them for a composite
   * id (a missing part compares with null).
   *
   * @param id the value, or a map of id property to value for a composite id
   * @param operation the operation, named by the error for a model without id
   * @throws ConnectorException {@link ErrorCode#INVALID_ARGUMENT} ({@link ConnectorErrors#noId},
   *     {@link ConnectorErrors#invalidId}) when the model has no id, the id is null, or a composite
   *     id is not a map
   */
  public static Where where(ModelDefinition model, Object id, String operation) {
    requireNonNull(model, "model is null");
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.isEmpty()) {
      throw ConnectorErrors.noId(model, operation);
    }
    if (id == null) {
      throw ConnectorErrors.invalidId(model, null);
    }
    if (ids.size() == 1) {
      return Where.eq(ids.get(0).name(), id);
    }
    if (!(id instanceof Map<?, ?> parts)) {
      throw ConnectorErrors.invalidId(model, id);
    }
    List<Where> conditions = new ArrayList<>();
    for (PropertyDefinition property : ids) {
      conditions.add(Where.eq(property.name(), parts.get(property.name())));
    }
    return Where.and(conditions);
  }

  /**
   * The id of a row: the value of the id property (null when absent), or for a composite id a map
   * of id property to value.
   *
   * @throws NullPointerException for a null model or row
   */
  public static @Nullable Object of(ModelDefinition model, Map<String, ?> row) {
    requireNonNull(model, "model is null");
    requireNonNull(row, "row is null");
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.size() == 1) {
      return row.get(ids.get(0).name());
    }
    Map<String, Object> id = new LinkedHashMap<>();
    ids.forEach(p -> id.put(p.name(), row.get(p.name())));
    return id;
  }
}
