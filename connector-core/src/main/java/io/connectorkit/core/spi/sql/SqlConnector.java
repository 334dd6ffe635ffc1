package io.connectorkit.core.spi.sql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Fields;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorErrors;
import io.connectorkit.core.spi.EntityIds;
import io.connectorkit.core.spi.Pushdown;
import io.connectorkit.core.spi.Settings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The base of SQL connectors: the CRUD operations (C3) on top of a few execution hooks that a
 * subclass supplies (connector-sql's {@code JdbcConnector} over JDBC). Statements come from one
 * {@link SqlStatements}, which holds the dialect; pushdown (C4.6) is its decision.
 *
 * @param <D> the dialect type, so that a subclass reads its own dialect's hooks without a cast
 */
public abstract class SqlConnector<D extends SqlDialect> extends Connector {
  private final SqlStatements statements;

  /**
   * @param dialect the backend's SQL hooks, held by {@link #statements()} only
   * @throws NullPointerException for a null dialect
   */
  protected SqlConnector(String name, Settings settings, D dialect) {
    super(name, settings);
    this.statements = new SqlStatements(dialect, this::exactStringColumn);
  }

  /** The dialect given at construction; never null. */
  @SuppressWarnings("unchecked") // the constructor only accepts a D
  public final D dialect() {
    return (D) statements.dialect();
  }

  /** The statement builder over {@link #dialect()}; never null. */
  public final SqlStatements statements() {
    return statements;
  }

  /**
   * Whether the column of a string property already compares by code point, case-sensitively and
   * without padding (a binary collation); when not, comparisons go through {@link
   * SqlDialect#exactString}. Called by {@link #statements()} for every string column a comparison
   * or ORDER BY uses. The default trusts the column.
   */
  protected boolean exactStringColumn(ModelDefinition model, PropertyDefinition property) {
    return true;
  }

  /** {@inheritDoc} {@link SqlStatements#pushdown} decides. */
  @Override
  public final Pushdown pushdown(ModelDefinition model, Filter filter) {
    return statements.pushdown(model, filter);
  }

  // ---------------------------------------------------------------- execution hooks

  /**
   * Runs a query and reads each row's columns, in order, as the values of {@code columns}. Called
   * by {@link #all} (and so by {@link #findById}).
   *
   * @return rows keyed by property name, values in the {@link PropertyType} representation
   */
  protected abstract List<Map<String, Object>> executeQuery(
      ModelDefinition model,
      List<PropertyDefinition> columns,
      ParameterizedSql sql,
      Options options);

  /**
   * Runs a query whose answer is one number (COUNT). Called by {@link #count}, and by updates whose
   * data has nothing but ids.
   */
  protected abstract long executeScalar(
      ModelDefinition model, ParameterizedSql sql, Options options);

  /**
   * Runs an INSERT, UPDATE or DELETE. The base class calls it for UPDATE ({@link #update}, {@link
   * #updateAttributes}, {@link #replaceById}) and DELETE ({@link #destroyAll}); INSERTs go through
   * {@link #executeInsert}.
   *
   * @return the rows matched (not only those changed)
   */
  protected abstract long executeUpdate(
      ModelDefinition model, ParameterizedSql sql, Options options);

  /**
   * Runs an INSERT. Called by {@link #insertRows}.
   *
   * @return the generated keys in row order; empty when the backend generated none
   */
  protected abstract List<Object> executeInsert(
      ModelDefinition model, ParameterizedSql sql, Options options);

  /**
   * Runs {@code work} inside a transaction: the one of {@code options} if any, else a new one,
   * committed when the work returns and rolled back when it throws. Called by {@link
   * #updateAttributes} and {@link #replaceById} (update, then read back), and by {@link
   * #insertRows} for several rows of which some choose their generated id.
   *
   * @param work gets the options that carry the transaction
   */
  protected abstract <T> T atomically(Options options, Function<Options, T> work);

  // ---------------------------------------------------------------- CRUD (C3)

  /**
   * {@inheritDoc} One INSERT through {@link #insertRows}; null data throws NullPointerException.
   */
  @Override
  public Map<String, Object> create(
      ModelDefinition model, Map<String, Object> data, Options options) {
    requireNonNull(data, "data is null");
    return insertRows(model, List.of(data), options).get(0);
  }

  /** {@inheritDoc} One multi-row INSERT when no row chooses a generated id. */
  @Override
  public List<Map<String, Object>> createAll(
      ModelDefinition model, List<Map<String, Object>> data, Options options) {
    if (!supports(Feature.BATCH_CREATE)) {
      throw Feature.BATCH_CREATE.unsupported(name());
    }
    requireNonNull(data, "data is null");
    if (data.isEmpty()) {
      return List.of();
    }
    return insertRows(model, data, options);
  }

  /**
   * Inserts rows, all or none, and returns them as stored, generated ids included. Called by {@link
   * #create} and {@link #createAll}; one multi-row INSERT, except for several rows of which some
   * choose their generated id: then one INSERT per row in {@link #atomically}. Where the dialect
   * says a chosen numeric id does not move the generator ({@link SqlDialect#lockForChosenIds}), the
   * table is locked first and the generator moved past the largest chosen id afterwards (C1.2).
   *
   * @param rows at least one
   * @throws NullPointerException for null options
   * @throws ConnectorException {@link ErrorCode#INVALID_ARGUMENT} for a key that is not a property
   *     (from {@link SqlStatements#insertSql}); what {@link #executeInsert} throws
   */
  protected final List<Map<String, Object>> insertRows(
      ModelDefinition model, List<Map<String, Object>> rows, Options options) {
    requireNonNull(options, "options is null");
    PropertyDefinition generated = generatedId(model);
    boolean anyChosen =
        generated != null && rows.stream().anyMatch(r -> r.get(generated.name()) != null);
    String lock =
        anyChosen && generated != null && generated.type().kind() == PropertyType.Kind.NUMBER
            ? dialect().lockForChosenIds(statements.quotedTable(model))
            : null;
    if (lock == null || generated == null) { // a lock is only taken for a generated id
      return insertPlain(model, rows, options, generated, anyChosen);
    }
    PropertyDefinition chosen = generated;
    return atomically(
        options,
        tx -> {
          executeUpdate(model, ParameterizedSql.text(lock), tx);
          List<Map<String, Object>> stored = insertPlain(model, rows, tx, chosen, true);
          advanceGenerated(model, chosen, stored, tx);
          return stored;
        });
  }

  private List<Map<String, Object>> insertPlain(
      ModelDefinition model,
      List<Map<String, Object>> rows,
      Options options,
      @Nullable PropertyDefinition generated,
      boolean anyChosen) {
    if (rows.size() == 1 || generated == null || !anyChosen) {
      List<Map<String, Object>> stripped =
          generated == null ? rows : rows.stream().map(r -> without(r, generated)).toList();
      List<Object> keys =
          executeInsert(model, statements.insertSql(model, anyChosen ? rows : stripped), options);
      List<Map<String, Object>> stored = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Object> row = stored(model, rows.get(i));
        if (generated != null && row.get(generated.name()) == null && i < keys.size()) {
          row.put(generated.name(), keys.get(i));
        }
        stored.add(row);
      }
      return stored;
    }
    // Some rows choose their id: a multi-row INSERT's generated keys would not line up.
    return atomically(
        options,
        tx -> {
          List<Map<String, Object>> stored = new ArrayList<>(rows.size());
          for (Map<String, Object> row : rows) {
            stored.addAll(insertPlain(model, List.of(row), tx, generated, true));
          }
          return stored;
        });
  }

  /** Moves the id generator past the largest numeric id in {@code stored}; never backwards. */
  protected final void advanceGenerated(
      ModelDefinition model,
      PropertyDefinition generated,
      List<Map<String, Object>> stored,
      Options tx) {
    long highest = 0;
    for (Map<String, Object> row : stored) {
      if (row.get(generated.name()) instanceof Number n) {
        highest = Math.max(highest, (long) Math.floor(n.doubleValue()));
      }
    }
    ParameterizedSql advance =
        highest < 1
            ? null
            : dialect()
                .advanceGenerated(
                    statements.quotedTable(model), statements.columnName(generated), highest);
    if (advance != null) {
      executeScalar(model, advance, tx);
    }
  }

  private static Map<String, Object> without(Map<String, Object> row, PropertyDefinition id) {
    if (!row.containsKey(id.name()) || row.get(id.name()) != null) {
      return row;
    }
    Map<String, Object> copy = new LinkedHashMap<>(row);
    copy.remove(id.name());
    return copy;
  }

  /** The single generated id property, or null (no id, a composite id, or one not generated). */
  protected static @Nullable PropertyDefinition generatedId(ModelDefinition model) {
    List<PropertyDefinition> ids = model.idProperties();
    return ids.size() == 1 && ids.get(0).generated() ? ids.get(0) : null;
  }

  /**
   * A written row as it reads back: every property (null when absent from {@code data}), dates at
   * millisecond precision. Called by {@link #insertRows} for each row.
   */
  protected Map<String, Object> stored(ModelDefinition model, Map<String, Object> data) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (PropertyDefinition property : model.properties().values()) {
      Object value = data.get(property.name());
      row.put(
          property.name(),
          value instanceof Instant instant ? instant.truncatedTo(ChronoUnit.MILLIS) : value);
    }
    return row;
  }

  /**
   * {@inheritDoc} Runs {@link SqlStatements#selectSql} through {@link #executeQuery}, reading
   * {@link SqlStatements#selectedProperties}.
   *
   * @throws ConnectorException {@link ErrorCode#INVALID_FILTER} for a where or order this connector
   *     does not push down
   */
  @Override
  public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
    requireNonNull(filter, "filter is null");
    requireNonNull(options, "options is null");
    return executeQuery(
        model,
        statements.selectedProperties(model, filter.fields()),
        statements.selectSql(model, filter),
        options);
  }

  /**
   * {@inheritDoc} Runs {@link SqlStatements#countSql} through {@link #executeScalar}.
   *
   * @throws ConnectorException {@link ErrorCode#INVALID_FILTER} for a where it does not push down
   */
  @Override
  public long count(ModelDefinition model, Where where, Options options) {
    return executeScalar(
        model, statements.countSql(model, where), requireNonNull(options, "options is null"));
  }

  /**
   * {@inheritDoc} Id properties in {@code data} are dropped; when nothing is left it counts the
   * matches, else runs {@link SqlStatements#updateSql} through {@link #executeUpdate}.
   *
   * @throws ConnectorException {@link ErrorCode#INVALID_ARGUMENT} for a key that is not a property
   */
  @Override
  public long update(
      ModelDefinition model, Where where, Map<String, Object> data, Options options) {
    Map<String, Object> patch = withoutIds(model, data);
    if (patch.isEmpty()) {
      return count(model, where, options);
    }
    return executeUpdate(model, statements.updateSql(model, where, patch), options);
  }

  /** {@inheritDoc} Runs {@link SqlStatements#deleteSql} through {@link #executeUpdate}. */
  @Override
  public long destroyAll(ModelDefinition model, Where where, Options options) {
    return executeUpdate(
        model, statements.deleteSql(model, where), requireNonNull(options, "options is null"));
  }

  /**
   * {@inheritDoc} In {@link #atomically}: an UPDATE of the non-id properties of {@code data}, then
   * {@link #findById}.
   *
   * @throws ConnectorException {@link ErrorCode#ENTITY_NOT_FOUND} when the id does not exist;
   *     {@link ErrorCode#INVALID_ARGUMENT} for a null id (see {@link EntityIds#where}) or a key
   *     that is not a property
   */
  @Override
  public Map<String, Object> updateAttributes(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    return writeById(model, id, withoutIds(model, data), options);
  }

  /**
   * {@inheritDoc} As {@link #updateAttributes}, with {@link #replacement} as the data.
   *
   * @throws ConnectorException {@link ErrorCode#ENTITY_NOT_FOUND} when the id does not exist;
   *     {@link ErrorCode#INVALID_ARGUMENT} for a null id (see {@link EntityIds#where}) or a key
   *     that is not a property
   */
  @Override
  public Map<String, Object> replaceById(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    return writeById(model, id, replacement(model, data), options);
  }

  /** Every non-id property: its value in {@code data}, else null (replace semantics). */
  protected static Map<String, Object> replacement(
      ModelDefinition model, Map<String, Object> data) {
    requireNonNull(data, "data is null");
    Map<String, Object> all = new LinkedHashMap<>();
    for (PropertyDefinition property : model.properties().values()) {
      if (!property.isId()) {
        all.put(property.name(), data.get(property.name()));
      }
    }
    return all;
  }

  /** {@code data} without the id properties. */
  protected static Map<String, Object> withoutIds(ModelDefinition model, Map<String, Object> data) {
    requireNonNull(data, "data is null");
    Map<String, Object> patch = new LinkedHashMap<>(data);
    model.idProperties().forEach(id -> patch.remove(id.name()));
    return patch;
  }

  private Map<String, Object> writeById(
      ModelDefinition model, Object id, Map<String, Object> patch, Options options) {
    Where byId = EntityIds.where(model, id, "by id");
    return atomically(
        options,
        tx -> {
          long matched =
              patch.isEmpty()
                  ? count(model, byId, tx)
                  : executeUpdate(model, statements.updateSql(model, byId, patch), tx);
          Map<String, Object> row = matched == 0 ? null : findById(model, id, tx);
          if (row == null) {
            throw ConnectorErrors.notFound(model, id);
          }
          return row;
        });
  }

  /**
   * The record with an id, or null when none has it. Called by {@link #updateAttributes} and {@link
   * #replaceById} to read the written record back, inside their transaction.
   */
  protected @Nullable Map<String, Object> findById(
      ModelDefinition model, Object id, Options options) {
    List<Map<String, Object>> rows =
        all(
            model,
            new Filter(
                EntityIds.where(model, id, "findById"), Fields.ALL, List.of(), 1, 0, List.of()),
            options);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** {@inheritDoc} A {@link ParameterizedSql}: its verb and the first table it names. */
  @Override
  public io.connectorkit.core.spi.NativeCall describe(Object request) {
    if (request instanceof ParameterizedSql sql) {
      return io.connectorkit.core.spi.NativeCall.ofSql(sql.sql(), sql.params());
    }
    return super.describe(request);
  }
}
