package io.connectorkit.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A row of the workloads' model, {@code Person {id: generated number, name, email, city:
 * string(100), age: number}} with the index {@code city_age_idx (city ASC, age DESC)}.
 *
 * @param name unique per generated person, so check values can use it on any backend
 */
record Person(String name, String email, String city, long age) {
  static final int CITIES = 20;
  static final long MIN_AGE = 18;
  static final long MAX_AGE = 80;
  static final String[] COLUMNS = {"name", "email", "city", "age"};

  /** The model JSON. {@code forceId: false}: W6 upserts rows with ids the client chose (C1.2). */
  static String modelJson(String model) {
    return """
        {"name": "%s",
         "forceId": false,
         "properties": {
           "id": {"type": "number", "id": true, "generated": true},
           "name": {"type": "string", "required": true},
           "email": "string",
           "city": {"type": "string", "length": 100},
           "age": "number"},
         "indexes": {"city_age_idx": {"keys": {"city": 1, "age": -1}}}}"""
        .formatted(model);
  }

  static String city(int i) {
    return "city%02d".formatted(i);
  }

  /** {@code count} people from a fixed seed: the same rows on every side and run. */
  static List<Person> generate(int first, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Person> people = new ArrayList<>(count);
    for (int i = first; i < first + count; i++) {
      people.add(
          new Person(
              "person" + i,
              "person" + i + "@example.com",
              city(random.nextInt(CITIES)),
              random.nextLong(MIN_AGE, MAX_AGE + 1)));
    }
    return people;
  }

  /** The row without its id, as a create sends it. */
  Map<String, Object> toMap() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", name);
    row.put("email", email);
    row.put("city", city);
    row.put("age", age);
    return row;
  }

  /** The row with an id, as an upsert sends it. */
  Map<String, Object> toMap(Object id) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.putAll(toMap());
    return row;
  }
}
