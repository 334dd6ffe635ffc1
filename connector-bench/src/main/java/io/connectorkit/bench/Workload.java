package io.connectorkit.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The project's workloads (issue 20), each a fixed sequence of operations from a fixed seed, so
 * both sides do the same work and must return the same check value.
 */
enum Workload {
  W1("create", "sequential create(row)", 5_000, false),
  W1B("createAll", "the same rows through createAll([...]) in batches of 500", 5_000, false),
  W2("findById", "findById of random existing ids", 5_000, true),
  W3("find", "find {where: {age: {gt: X}, city: C}, order: \"age DESC\", limit: 20}", 1_000, true),
  W4("count", "count({city: C})", 1_000, true),
  W5("updateAll", "updateAll({city: C}, {age: V})", 200, true),
  W6("upsert", "upsert of a full row, half existing ids, half new", 2_000, true),
  W7("findById x16", "findById with " + Backend.POOL_SIZE + " callers in flight", 10_000, true),
  W8("deleteAll", "for each city deleteAll({city}) then count()", Person.CITIES * 2, true);

  static final long SEED = 20_261_206L;
  static final int BATCH = 500;
  static final int FIND_LIMIT = 20;

  final String title;
  final String description;
  private final int baseOps;

  /** Whether the workload starts from the loaded table; otherwise from an empty one. */
  final boolean needsRows;

  Workload(String title, String description, int baseOps, boolean needsRows) {
    this.title = title;
    this.description = description;
    this.baseOps = baseOps;
    this.needsRows = needsRows;
  }

  /** The workload's name as the command line and the report spell it: W1, W1b, …. */
  String id() {
    return this == W1B ? "W1b" : name();
  }

  static Workload of(String id) {
    for (Workload workload : values()) {
      if (workload.id().equalsIgnoreCase(id.trim())) {
        return workload;
      }
    }
    throw new IllegalArgumentException("unknown workload: " + id);
  }

  /** Operations at this scale (W8's is the number of cities, not scaled). */
  int ops(double scale) {
    return this == W8 ? baseOps : Math.max(1, (int) Math.round(baseOps * scale));
  }

  /** Whether the workload leaves the loaded table as it found it. */
  boolean readOnly() {
    return this == W2 || this == W3 || this == W4 || this == W7;
  }

  /** Rows loaded for the workloads that need them. */
  static int rows(double scale) {
    return Math.max(200, (int) Math.round(10_000 * scale));
  }

  /** The rows W1 and W1b create, and the loaded table's rows (a different seed). */
  static List<Person> created(double scale) {
    return Person.generate(0, W1.ops(scale), SEED);
  }

  static List<Person> loaded(double scale) {
    return Person.generate(0, rows(scale), SEED + 1);
  }

  /** The parameters of one run: the same for both sides. */
  SplittableRandom random() {
    return new SplittableRandom(SEED + 100 + name().hashCode());
  }

  /**
   * Runs the single-threaded part of the workload on one side.
   *
   * @param ids the loaded rows' ids on this side, in load order (empty for W1, W1b)
   * @return the check value
   */
  long run(Side side, double scale, List<Object> ids, Concurrency concurrency) {
    SplittableRandom random = random();
    int ops = ops(scale);
    long check = 0;
    switch (this) {
      case W1 -> {
        for (Person person : created(scale)) {
          side.create(person);
        }
      }
      case W1B -> {
        List<Person> people = created(scale);
        for (int i = 0; i < people.size(); i += BATCH) {
          check += side.createAll(people.subList(i, Math.min(people.size(), i + BATCH))).size();
        }
      }
      case W2 -> {
        for (int i = 0; i < ops; i++) {
          check += rowCheck(side.findById(ids.get(random.nextInt(ids.size()))));
        }
      }
      case W3 -> {
        for (int i = 0; i < ops; i++) {
          String city = Person.city(random.nextInt(Person.CITIES));
          long age = random.nextLong(Person.MIN_AGE, Person.MAX_AGE - 5);
          for (Map<String, Object> row : side.find(city, age, FIND_LIMIT)) {
            check = check * 31 + rowCheck(Optional.of(row));
          }
        }
      }
      case W4 -> {
        for (int i = 0; i < ops; i++) {
          check += side.count(Person.city(random.nextInt(Person.CITIES)));
        }
      }
      case W5 -> {
        for (int i = 0; i < ops; i++) {
          String city = Person.city(random.nextInt(Person.CITIES));
          check += side.updateAll(city, random.nextLong(Person.MIN_AGE, Person.MAX_AGE + 1));
        }
      }
      case W6 -> {
        long maxId = ids.stream().mapToLong(id -> ((Number) id).longValue()).max().orElse(0);
        List<Person> people = Person.generate(1_000_000, ops, SEED + 2);
        for (int i = 0; i < ops; i++) {
          Object id =
              i % 2 == 0
                  ? (Object) ((Number) ids.get(random.nextInt(ids.size()))).longValue()
                  : (Object) (maxId + 1 + i);
          check += rowCheck(Optional.of(side.upsert(id, people.get(i))));
        }
      }
      case W7 -> {
        int[] picks = new int[ops];
        for (int i = 0; i < ops; i++) {
          picks[i] = random.nextInt(ids.size());
        }
        check = concurrency.run(ops, i -> rowCheck(side.findById(ids.get(picks[i]))));
      }
      case W8 -> {
        for (int i = 0; i < Person.CITIES; i++) {
          check += side.deleteAll(Person.city(i));
          check = check * 31 + side.countAll();
        }
      }
    }
    return check;
  }

  /** The untimed part of the check: what the table holds afterwards, for the writes. */
  long after(Side side) {
    return switch (this) {
      case W1, W1B, W6 -> side.countAll();
      case W5 -> {
        long total = 0;
        for (int i = 0; i < Person.CITIES; i++) {
          List<Map<String, Object>> rows = side.find(Person.city(i), 0, 1);
          total = total * 31 + (rows.isEmpty() ? 0 : age(rows.get(0)));
        }
        yield total;
      }
      default -> 0;
    };
  }

  /** A row's contribution to a check value: its name and age, which both sides store alike. */
  static long rowCheck(Optional<Map<String, Object>> row) {
    if (row.isEmpty()) {
      return -1;
    }
    Map<String, Object> values = row.get();
    return requireNonNull(values.get("name"), "name is null").hashCode() * 131L + age(values);
  }

  /** A row's age, which every generated person has. */
  private static long age(Map<String, Object> row) {
    return ((Number) requireNonNull(row.get("age"), "age is null")).longValue();
  }

  /** Runs operations with several callers in flight, measuring the callers' threads. */
  interface Concurrency {
    /** Runs {@code ops} operations {@code 0..ops-1}; returns the sum of their results. */
    long run(int ops, java.util.function.IntToLongFunction operation);
  }

  static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (Workload workload : values()) {
      ids.add(workload.id());
    }
    return ids;
  }
}
