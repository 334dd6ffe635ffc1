package io.connectorkit.bench;

import static java.util.Objects.requireNonNull;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The MongoDB baseline: mongodb-driver-sync used directly, one command per operation. Numeric ids
 * come from a counter document taken {@value #ID_BLOCK} at a time, what an application needing
 * numeric ids writes (one {@code $inc} per block, not per insert).
 */
final class RawMongoSide implements Side {
  static final int ID_BLOCK = 1000;
  private static final Bson BY_AGE_DESC_THEN_ID =
      Sorts.orderBy(Sorts.descending("age"), Sorts.ascending("_id"));

  private final MongoCollection<Document> people;
  private final MongoCollection<Document> counters;
  private final LongAdder calls = new LongAdder();
  private long nextId;
  private long lastId = -1;

  RawMongoSide(MongoDatabase database, String collection) {
    requireNonNull(database, "database is null");
    people = database.getCollection(requireNonNull(collection, "collection is null"));
    counters = database.getCollection("raw_counters");
  }

  @Override
  public String name() {
    return "raw";
  }

  @Override
  public void clear() {
    people.deleteMany(new Document());
  }

  private synchronized long nextId() {
    if (nextId > lastId) {
      calls.increment();
      Document counter =
          counters.findOneAndUpdate(
              Filters.eq("_id", "people"),
              Updates.inc("seq", (long) ID_BLOCK),
              new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
      lastId = counter.getLong("seq");
      nextId = lastId - ID_BLOCK + 1;
    }
    return nextId++;
  }

  private Document document(long id, Person person) {
    return new Document("_id", id)
        .append("name", person.name())
        .append("email", person.email())
        .append("city", person.city())
        .append("age", person.age());
  }

  @Override
  public Object create(Person person) {
    long id = nextId();
    calls.increment();
    people.insertOne(document(id, person));
    return id;
  }

  @Override
  public List<Object> createAll(List<Person> batch) {
    List<Document> documents = new ArrayList<>(batch.size());
    List<Object> ids = new ArrayList<>(batch.size());
    for (Person person : batch) {
      long id = nextId();
      ids.add(id);
      documents.add(document(id, person));
    }
    calls.increment();
    people.insertMany(documents);
    return ids;
  }

  @Override
  public Optional<Map<String, Object>> findById(Object id) {
    calls.increment();
    Document document = people.find(Filters.eq("_id", id)).first();
    return document == null ? Optional.empty() : Optional.of(row(document));
  }

  @Override
  public List<Map<String, Object>> find(String city, long ageAbove, int limit) {
    calls.increment();
    List<Map<String, Object>> rows = new ArrayList<>(limit);
    for (Document document :
        people
            .find(Filters.and(Filters.gt("age", ageAbove), Filters.eq("city", city)))
            .sort(BY_AGE_DESC_THEN_ID)
            .limit(limit)) {
      rows.add(row(document));
    }
    return rows;
  }

  private static Map<String, Object> row(Document document) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", document.get("_id"));
    for (String column : Person.COLUMNS) {
      row.put(column, document.get(column));
    }
    return row;
  }

  @Override
  public long count(String city) {
    calls.increment();
    return people.countDocuments(Filters.eq("city", city));
  }

  @Override
  public long countAll() {
    calls.increment();
    return people.countDocuments();
  }

  @Override
  public long updateAll(String city, long age) {
    calls.increment();
    return people.updateMany(Filters.eq("city", city), Updates.set("age", age)).getMatchedCount();
  }

  @Override
  public Map<String, Object> upsert(Object id, Person person) {
    calls.increment();
    Document document = document((Long) id, person);
    people.replaceOne(Filters.eq("_id", id), document, new ReplaceOptions().upsert(true));
    return row(document);
  }

  @Override
  public long deleteAll(String city) {
    calls.increment();
    return people.deleteMany(Filters.eq("city", city)).getDeletedCount();
  }

  @Override
  public long calls() {
    return calls.sum();
  }

  @Override
  public void close() {}
}
