package io.connectorkit.bench;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.Dao;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The workloads through ConnectorKit's DAO. Native calls are counted by an execute hook (CONTRACT
 * C9) on the connector, so the report shows how many statements each operation really sends.
 */
final class DaoSide implements Side {
  private final Dao dao;
  private final LongAdder calls = new LongAdder();
  private final Runnable onClose;

  DaoSide(Dao dao, Runnable onClose) {
    this.dao = requireNonNull(dao, "dao is null");
    this.onClose = requireNonNull(onClose, "onClose is null");
    dao.dataSource()
        .unwrap(Connector.class)
        .addExecuteListener(
            new ExecuteListener() {
              @Override
              public void beforeExecute(ExecuteContext context) {
                calls.increment();
              }
            });
  }

  @Override
  public String name() {
    return "connectorkit";
  }

  @Override
  public void clear() {
    dao.deleteAll(Where.all());
  }

  @Override
  public Object create(Person person) {
    return requireNonNull(dao.create(person.toMap()).get("id"), "id is null");
  }

  @Override
  public List<Object> createAll(List<Person> people) {
    return dao.createAll(people.stream().map(Person::toMap).toList()).stream()
        .map(row -> row.get("id"))
        .toList();
  }

  @Override
  public Optional<Map<String, Object>> findById(Object id) {
    return dao.findById(id);
  }

  @Override
  public List<Map<String, Object>> find(String city, long ageAbove, int limit) {
    return dao.find(
        Filter.builder()
            .where(Where.and(Where.gt("age", ageAbove), Where.eq("city", city)))
            .order("age DESC")
            .limit(limit)
            .build());
  }

  @Override
  public long count(String city) {
    return dao.count(Where.eq("city", city));
  }

  @Override
  public long countAll() {
    return dao.count(Where.all());
  }

  @Override
  public long updateAll(String city, long age) {
    return dao.updateAll(Where.eq("city", city), Map.of("age", age));
  }

  @Override
  public Map<String, Object> upsert(Object id, Person person) {
    return dao.upsert(person.toMap(id));
  }

  @Override
  public long deleteAll(String city) {
    return dao.deleteAll(Where.eq("city", city));
  }

  @Override
  public long calls() {
    return calls.sum();
  }

  @Override
  public void close() {
    onClose.run();
  }
}
