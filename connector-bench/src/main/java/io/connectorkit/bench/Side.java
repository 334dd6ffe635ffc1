package io.connectorkit.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One way of doing the workloads' operations: through ConnectorKit's DAO, or hand-written against
 * the raw driver. Both sides hold their own table (collection, map) of the same shape; rows come
 * back as maps with the model's property names, so the workloads compute the same check values from
 * either side.
 */
interface Side extends AutoCloseable {
  /** "connectorkit" or "raw". */
  String name();

  /** Empties the table; not measured. */
  void clear();

  /** Creates one row; returns its generated id. */
  Object create(Person person);

  /** Creates the rows in one call; returns their generated ids in order. */
  List<Object> createAll(List<Person> people);

  Optional<Map<String, Object>> findById(Object id);

  /** {@code {where: {age: {gt: ageAbove}, city}, order: "age DESC", limit}}. */
  List<Map<String, Object>> find(String city, long ageAbove, int limit);

  long count(String city);

  long countAll();

  long updateAll(String city, long age);

  /** Creates or replaces the row with this id. */
  Map<String, Object> upsert(Object id, Person person);

  long deleteAll(String city);

  /** Native calls (statements, commands) sent so far; -1 when the side cannot count them. */
  long calls();

  @Override
  void close();
}
