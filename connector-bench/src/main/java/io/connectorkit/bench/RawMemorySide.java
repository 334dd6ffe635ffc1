package io.connectorkit.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory baseline: a {@link ConcurrentHashMap} by id with hand-written predicates, scanning for
 * every query (the "full scan" the memory connector's index must beat). Rows are handed out as
 * copies, as the connector does: a store giving out its own mutable rows could be corrupted by a
 * caller.
 */
final class RawMemorySide implements Side {
  private static final Comparator<Map<String, Object>> AGE_DESC_THEN_ID =
      Comparator.comparingLong((Map<String, Object> row) -> -age(row))
          .thenComparingLong(row -> (Long) row.get("id"));

  private final Map<Long, Map<String, Object>> rows = new ConcurrentHashMap<>();

  /** A stored row's age, which every generated person has. */
  private static long age(Map<String, Object> row) {
    return (Long) requireNonNull(row.get("age"), "age is null");
  }

  private final AtomicLong ids = new AtomicLong();

  @Override
  public String name() {
    return "raw";
  }

  @Override
  public void clear() {
    rows.clear();
  }

  @Override
  public Object create(Person person) {
    long id = ids.incrementAndGet();
    rows.put(id, person.toMap(id));
    return id;
  }

  @Override
  public List<Object> createAll(List<Person> people) {
    List<Object> created = new ArrayList<>(people.size());
    for (Person person : people) {
      created.add(create(person));
    }
    return created;
  }

  @Override
  public Optional<Map<String, Object>> findById(Object id) {
    Map<String, Object> row = rows.get((Long) id);
    return row == null ? Optional.empty() : Optional.of(new LinkedHashMap<>(row));
  }

  @Override
  public List<Map<String, Object>> find(String city, long ageAbove, int limit) {
    return rows.values().stream()
        .filter(row -> city.equals(row.get("city")) && age(row) > ageAbove)
        .sorted(AGE_DESC_THEN_ID)
        .limit(limit)
        .<Map<String, Object>>map(LinkedHashMap::new)
        .toList();
  }

  @Override
  public long count(String city) {
    return rows.values().stream().filter(row -> city.equals(row.get("city"))).count();
  }

  @Override
  public long countAll() {
    return rows.size();
  }

  @Override
  public long updateAll(String city, long age) {
    long updated = 0;
    for (Map.Entry<Long, Map<String, Object>> entry : rows.entrySet()) {
      if (city.equals(entry.getValue().get("city"))) {
        // Copy on write, as a concurrent reader must never see a half-changed row.
        Map<String, Object> changed = new LinkedHashMap<>(entry.getValue());
        changed.put("age", age);
        entry.setValue(changed);
        updated++;
      }
    }
    return updated;
  }

  @Override
  public Map<String, Object> upsert(Object id, Person person) {
    Map<String, Object> row = person.toMap(id);
    rows.put((Long) id, row);
    ids.accumulateAndGet((Long) id, Math::max);
    return new LinkedHashMap<>(row);
  }

  @Override
  public long deleteAll(String city) {
    long before = rows.size();
    rows.values().removeIf(row -> city.equals(row.get("city")));
    return before - rows.size();
  }

  @Override
  public long calls() {
    return -1;
  }

  @Override
  public void close() {}
}
