package io.connectorkit.connector.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.Repository;
import io.connectorkit.core.annotation.BelongsTo;
import io.connectorkit.core.annotation.Property;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The root README's Java tour is this test's code: it runs here, and the README block must equal
 * the marked region, so the tour can neither stop compiling nor drift from what it does.
 */
class ReadmeTourTest {
  private static final Path SOURCE =
      Path.of("src/test/java/io/connectorkit/connector/memory/ReadmeTourTest.java");
  private static final Path README = Path.of("..", "README.md");

  @Test
  void typedTourRunsOnTheMemoryConnector() {
    // readme:typed
    record Customer(Long id, @Property(required = true) String name, String city) {}
    record Order(Long id, double total, Long customerId, @BelongsTo Customer customer) {}

    DataSource db = DataSources.create("db", Map.of("connector", "memory"));
    Repository<Customer> customers = db.repository(Customer.class); // model derived from the record
    Repository<Order> orders = db.repository(Order.class);

    Customer ada = customers.create(new Customer(null, "Ada", "London"));
    orders.createAll(
        List.of(new Order(null, 10, ada.id(), null), new Order(null, 25, ada.id(), null)));

    List<Order> big = orders.query().where("total").gt(20).orderBy("total").limit(10).list();
    List<Order> withCustomer = orders.query().include("customer").list(); // batched, no N+1
    Optional<Customer> found = customers.findById(ada.id());
    customers.save(new Customer(ada.id(), "Ada Lovelace", "London")); // create or replace
    long small = orders.count(Where.lt("total", 20));
    db.close();
    // end:typed

    assertThat(big).extracting(Order::total).containsExactly(25.0);
    assertThat(withCustomer)
        .allSatisfy(order -> assertThat(order.customer().name()).isEqualTo("Ada"));
    assertThat(found).map(Customer::city).contains("London");
    assertThat(small).isEqualTo(1);
  }

  @Test
  void tourRunsOnTheMemoryConnector() {
    // readme:tour
    DataSource db = DataSources.create("db", Map.of("connector", "memory"));
    db.define(
        """
        {"name": "Person",
         "properties": {"name": {"type": "string", "required": true},
                        "age": "number", "birthday": "date"}}""");
    Dao people = db.dao("Person");

    people.create(Map.of("name", "Ada", "age", 36, "birthday", "1815-12-10"));
    people.createAll(
        List.of(Map.of("name", "Alan", "age", 41), Map.of("name", "Grace", "age", 85)));

    List<Map<String, Object>> found =
        people.find(
            Filter.builder()
                .where(Where.and(Where.gt("age", 30), Where.like("name", "A%")))
                .order("age DESC")
                .limit(10)
                .build());

    // The same kind of filter as JSON, exactly as a LoopBack client sends it:
    people.find(
        FilterParser.parse("{\"where\": {\"age\": {\"gt\": 30}}, \"order\": \"age DESC\"}"));

    long updated = people.updateAll(Where.eq("name", "Ada"), Map.of("age", 37)); // rows matched
    UpsertResult r =
        people.findOrCreate(Filter.where(Where.eq("name", "Linus")), Map.of("name", "Linus"));

    try (Transaction tx = db.beginTransaction(IsolationLevel.SERIALIZABLE)) {
      people.deleteAll(Where.lt("age", 40), Options.of(tx));
      tx.commit(); // close() without commit rolls back
    }
    long left = people.count(null);
    db.close();
    // end:tour

    assertThat(found).extracting(row -> row.get("name")).containsExactly("Alan", "Ada");
    assertThat(updated).isEqualTo(1);
    assertThat(r.created()).isTrue();
    assertThat(left)
        .as("only Ada (37) deleted: lt never matches Linus's null age (C4.1)")
        .isEqualTo(3);
  }

  @Test
  void readmeShowsExactlyTheTourRegion() throws IOException {
    assertReadmeShows("tour", "### Java");
  }

  @Test
  void readmeShowsExactlyTheTypedTourRegion() throws IOException {
    assertReadmeShows("typed", "### Java, typed");
  }

  private static void assertReadmeShows(String name, String heading) throws IOException {
    String source = Files.readString(SOURCE);
    Matcher region =
        Pattern.compile("// readme:" + name + "\\n(.*?)\\n\\s*// end:" + name, Pattern.DOTALL)
            .matcher(source);
    assertThat(region.find()).isTrue();
    String readme = Files.readString(README);
    Matcher block =
        Pattern.compile(Pattern.quote(heading) + "\\s*\\n```java\\n(.*?)\\n```", Pattern.DOTALL)
            .matcher(readme);
    assertThat(block.find()).as("README.md has a ```java block under %s", heading).isTrue();

    assertThat(normalize(block.group(1)))
        .as("README.md's Java tour equals the region of %s; copy it over", SOURCE)
        .isEqualTo(normalize(region.group(1)));
  }

  private static String normalize(String code) {
    return code.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .reduce("", (a, b) -> a + b + "\n");
  }
}
