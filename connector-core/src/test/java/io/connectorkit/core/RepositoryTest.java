package io.connectorkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.annotation.BelongsTo;
import io.connectorkit.core.annotation.HasMany;
import io.connectorkit.core.annotation.Hidden;
import io.connectorkit.core.annotation.Id;
import io.connectorkit.core.annotation.Model;
import io.connectorkit.core.annotation.Property;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.model.RelationDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepositoryTest {
  enum Level {
    LOW,
    HIGH
  }

  record Address(String street, String city) {}

  record Person(
      @Id Long id,
      @Property(required = true) String name,
      int age,
      Optional<String> nickname,
      LocalDate birthday,
      Instant seen,
      OffsetDateTime updated,
      Address address,
      List<String> tags,
      Level level,
      @Hidden String secret) {
    Person(String name, int age) {
      this(null, name, age, Optional.empty(), null, null, null, null, List.of(), null, null);
    }
  }

  record Thing(Long id, Thread thread) {}

  @Model(name = "Client")
  record Customer(
      Long id,
      String name,
      @HasMany(model = "Purchase", foreignKey = "clientId") List<Order> orders) {}

  @Model(name = "Purchase")
  record Order(
      Long id,
      long total,
      Long clientId,
      @BelongsTo(model = "Client", foreignKey = "clientId") Customer client) {}

  record Tag(Long id, String label) {}

  record PostTag(Long id, Long postId, Long tagId) {}

  record Post(Long id, String title, @HasMany(through = "PostTag") List<Tag> tags) {}

  static final class Pet {
    Long id;
    String name;
    transient String scratch;

    Pet() {}

    Pet(String name) {
      this.name = name;
    }
  }

  private DataSource db;

  @BeforeEach
  void open() {
    db = DataSources.create("db", Map.of("connector", "list"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static void assertCode(ErrorCode code, ThrowingCallable call, String... mentions) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(code))
        .message()
        .contains(mentions);
  }

  @Test
  void derivesTheModelFromRecordComponentsAndAnnotations() {
    ModelDefinition model = db.repository(Person.class).model();

    assertThat(model.name()).isEqualTo("Person");
    assertThat(model.idName()).isEqualTo("id");
    assertThat(model.property("name").orElseThrow().required()).isTrue();
    assertThat(model.property("age").orElseThrow().type()).isEqualTo(PropertyType.NUMBER);
    assertThat(model.property("nickname").orElseThrow().type()).isEqualTo(PropertyType.STRING);
    assertThat(model.property("birthday").orElseThrow().type()).isEqualTo(PropertyType.DATE);
    assertThat(model.property("address").orElseThrow().type()).isEqualTo(PropertyType.OBJECT);
    assertThat(model.property("tags").orElseThrow().type())
        .isEqualTo(PropertyType.arrayOf(PropertyType.STRING));
    assertThat(model.property("secret").orElseThrow().hidden()).isTrue();
  }

  @Test
  void roundTripsDatesOptionalsNestedRecordsListsAndEnums() {
    Repository<Person> people = db.repository(Person.class);
    Instant seen = Instant.parse("2024-01-02T03:04:05.678Z");
    Person ada =
        people.create(
            new Person(
                null,
                "Ada",
                36,
                Optional.of("countess"),
                LocalDate.of(1815, 12, 10),
                seen,
                OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.ofHours(2)),
                new Address("St James's Square", "London"),
                List.of("math", "poetry"),
                Level.HIGH,
                "hidden"));

    Person found = people.findById(ada.id()).orElseThrow();

    assertThat(found.id()).isNotNull();
    assertThat(found.nickname()).contains("countess");
    assertThat(found.birthday()).isEqualTo(LocalDate.of(1815, 12, 10));
    assertThat(found.seen()).isEqualTo(seen);
    assertThat(found.updated()).isEqualTo(OffsetDateTime.parse("2024-05-06T05:08:09Z"));
    assertThat(found.address()).isEqualTo(new Address("St James's Square", "London"));
    assertThat(found.tags()).containsExactly("math", "poetry");
    assertThat(found.level()).isEqualTo(Level.HIGH);
    assertThat(found.secret()).as("hidden properties read back as null").isNull();
    Person bare = people.create(new Person("Alan", 41));
    assertThat(people.findById(bare.id()).orElseThrow().nickname()).isEmpty();
  }

  @Test
  void everyOperationIsTyped() {
    Repository<Person> people = db.repository(Person.class);
    List<Person> created =
        people.createAll(
            List.of(new Person("Ada", 36), new Person("Alan", 41), new Person("Grace", 85)));

    assertThat(created).extracting(Person::id).doesNotContainNull();
    assertThat(people.count()).isEqualTo(3);
    assertThat(people.count(Where.gt("age", 40))).isEqualTo(2);
    assertThat(people.find(Filter.builder().order("age DESC").build()))
        .extracting(Person::name)
        .containsExactly("Grace", "Alan", "Ada");
    Long alan = created.get(1).id();
    assertThat(people.updateById(alan, Map.of("age", 42)).age()).isEqualTo(42);
    assertThat(
            people.updateAll(
                Where.eq("name", "Ada"), Map.of("birthday", LocalDate.of(1815, 12, 10))))
        .isEqualTo(1);
    assertThat(people.findOne(Filter.where(Where.eq("name", "Ada"))).orElseThrow().birthday())
        .isEqualTo(LocalDate.of(1815, 12, 10));
    assertThat(people.exists(alan)).isTrue();
    assertThat(people.deleteById(alan)).isEqualTo(1);
    assertThat(people.findById(alan)).isEmpty();
    Repository.Created<Person> linus =
        people.findOrCreate(Filter.where(Where.eq("name", "Linus")), new Person("Linus", 54));
    assertThat(linus.created()).isTrue();
    assertThat(people.deleteAll(Where.lt("age", 60))).isEqualTo(2);
    assertThat(people.findAll()).extracting(Person::name).containsExactly("Grace");
  }

  @Test
  void saveCreatesWithoutAnIdAndReplacesWithOne() {
    Repository<Person> people = db.repository(Person.class);
    Person ada = people.save(new Person("Ada", 36));

    Person older =
        people.save(
            new Person(
                ada.id(),
                "Ada",
                37,
                Optional.empty(),
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null));

    assertThat(older.id()).isEqualTo(ada.id());
    assertThat(people.count()).isEqualTo(1);
    assertThat(people.findById(ada.id()).orElseThrow().age()).isEqualTo(37);
  }

  @Test
  void queryBuilderAndsConditionsAndPages() {
    Repository<Person> people = db.repository(Person.class);
    people.createAll(
        List.of(new Person("Ada", 36), new Person("Alan", 41), new Person("Grace", 85)));

    assertThat(
            people
                .query()
                .where("age")
                .gt(30)
                .and("name")
                .like("A%")
                .orderBy("name")
                .limit(10)
                .list())
        .extracting(Person::name)
        .containsExactly("Ada", "Alan");
    assertThat(people.query().where("age").gte(40).orderByDesc("age").skip(1).list())
        .extracting(Person::name)
        .containsExactly("Alan");
    assertThat(people.query().where("name").inq("Ada", "Grace").count()).isEqualTo(2);
    assertThat(people.query().where("name").eq("Nobody").first()).isEmpty();
  }

  @Test
  void anUnmappableComponentIsAConfigurationErrorNamingIt() {
    assertCode(
        ErrorCode.CONFIGURATION_INVALID,
        () -> db.repository(Thing.class),
        "component `thread` of Thing",
        "java.lang.Thread");
  }

  @Test
  void bindsToModelJsonByNameAndRejectsComponentsItLacks() {
    db.define(
        """
        {"name": "Human", "properties": {"id": {"type": "number", "id": true, "generated": true},
         "name": "string", "age": "number"}}""");
    record Human(Long id, String name, Integer age) {}
    record Alien(Long id, String name, String planet) {}

    Repository<Human> humans = db.repository(Human.class, "Human");
    Human ada = humans.create(new Human(null, "Ada", 36));

    assertThat(humans.findById(ada.id())).contains(new Human(ada.id(), "Ada", 36));
    assertCode(
        ErrorCode.CONFIGURATION_INVALID,
        () -> db.repository(Alien.class, "Human"),
        "component `planet` of Alien");
  }

  @Test
  void pojosWithANoArgumentConstructorMapThroughTheirFields() {
    Repository<Pet> pets = db.repository(Pet.class);

    Pet rex = pets.create(new Pet("Rex"));

    assertThat(pets.model().properties()).containsOnlyKeys("id", "name");
    assertThat(pets.findById(rex.id).orElseThrow().name).isEqualTo("Rex");
  }

  @Test
  void annotatedRelationsIncludeIntoComponentsAndAreNeverWritten() {
    Repository<Customer> customers = db.repository(Customer.class);
    Repository<Order> orders = db.repository(Order.class);
    Customer ada = customers.create(new Customer(null, "Ada", null));
    orders.create(new Order(null, 10, ada.id(), null));
    orders.create(new Order(null, 20, ada.id(), null));

    Customer withOrders = customers.query().include("orders").first().orElseThrow();
    List<Order> withClient = orders.query().include("client").orderBy("total").list();

    assertThat(customers.model().relations()).containsKey("orders");
    assertThat(withOrders.orders()).extracting(Order::total).containsExactlyInAnyOrder(10L, 20L);
    assertThat(withClient.get(0).client().name()).isEqualTo("Ada");
    Customer saved = customers.save(withOrders);
    assertThat(saved.orders()).as("the included relation is not written").isNull();
    assertThat(orders.count()).isEqualTo(2);
  }

  @Test
  void relationAccessorsScopeReadsAndWritesToTheParent() {
    Repository<Customer> customers = db.repository(Customer.class);
    Repository<Order> orders = db.repository(Order.class);
    Customer ada = customers.create(new Customer(null, "Ada", null));
    Customer alan = customers.create(new Customer(null, "Alan", null));
    orders.create(new Order(null, 5, alan.id(), null));

    Related<Order> adaOrders = customers.related(ada.id(), "orders", Order.class);
    Order created = adaOrders.create(new Order(null, 10, null, null));
    adaOrders.create(new Order(null, 20, ada.id(), null));

    assertThat(created.clientId()).as("create sets the foreign key").isEqualTo(ada.id());
    assertThat(adaOrders.find(Filter.where(Where.gt("total", 15))))
        .extracting(Order::total)
        .containsExactly(20L);
    assertThat(adaOrders.count(null)).isEqualTo(2);
    assertThat(orders.related(created.id(), "client", Customer.class).get())
        .map(Customer::name)
        .contains("Ada");
    assertCode(
        ErrorCode.INVALID_ARGUMENT,
        () -> adaOrders.create(new Order(null, 30, alan.id(), null)),
        "clientId");
    assertCode(
        ErrorCode.INVALID_ARGUMENT,
        () -> adaOrders.updateAll(null, Map.of("clientId", alan.id())),
        "clientId");
    assertThat(adaOrders.updateAll(Where.eq("total", 10), Map.of("total", 11))).isEqualTo(1);
    assertThat(adaOrders.deleteAll(null)).isEqualTo(2);
    assertThat(orders.count()).as("only the parent's records are deleted").isEqualTo(1);
  }

  @Test
  void includeAcrossLinkedDatasourcesBatchesTheKeys() {
    DataSource other = DataSources.create("other", Map.of("connector", "list"));
    try {
      db.link(other);
      Repository<Customer> customers = other.repository(Customer.class);
      Repository<Order> orders = db.repository(Order.class);
      for (String name : List.of("Ada", "Alan", "Grace")) {
        Customer customer = customers.create(new Customer(null, name, null));
        orders.create(new Order(null, 10, customer.id(), null));
        orders.create(new Order(null, 20, customer.id(), null));
      }
      ListConnector customerStore = (ListConnector) other.connector();
      int before = customerStore.allCalls.get();

      List<Order> found = orders.query().include("client").list();

      assertThat(found).hasSize(6).allSatisfy(order -> assertThat(order.client()).isNotNull());
      assertThat(customerStore.allCalls.get() - before)
          .as("one batched query for the six orders' customers, not one per order")
          .isEqualTo(1);
      assertThat(customers.query().include("orders").list())
          .allSatisfy(customer -> assertThat(customer.orders()).hasSize(2));
      assertThat(db.model("Purchase").property("clientId").orElseThrow().type())
          .isEqualTo(PropertyType.NUMBER);
    } finally {
      other.close();
    }
  }

  @Test
  void createThroughAHasManyThroughWithoutThroughModelFailsBeforeWriting() {
    // Was a NullPointerException after the target had been created: a half-done write.
    Repository<Tag> allTags = db.repository(Tag.class);
    ModelDefinition post = db.repository(Post.class).model();
    db.define(
        new ModelDefinition(
            post.name(),
            post.properties(),
            post.strict(),
            post.idInjection(),
            post.forceId(),
            post.strictDelete(),
            post.indexes(),
            Map.of(
                "tags",
                new RelationDefinition(
                    "tags",
                    RelationDefinition.Type.HAS_MANY_THROUGH,
                    "Tag",
                    null,
                    null,
                    null,
                    null)),
            post.settings()));
    Repository<Post> posts = db.repository(Post.class);
    Post created = posts.create(new Post(null, "hello", null));
    Related<Tag> tags = posts.related(created.id(), "tags", Tag.class);

    assertCode(
        ErrorCode.CONFIGURATION_INVALID,
        () -> tags.create(new Tag(null, "red")),
        "relation tags of model Post has no through model");
    assertThat(allTags.count()).as("no target created").isZero();
  }

  @Test
  void hasManyThroughIncludesAndCreatesThroughTheJoinModel() {
    db.repository(Tag.class);
    Repository<PostTag> links = db.repository(PostTag.class);
    Repository<Post> posts = db.repository(Post.class);
    Post post = posts.create(new Post(null, "hello", null));
    Related<Tag> tags = posts.related(post.id(), "tags", Tag.class);

    Tag red = tags.create(new Tag(null, "red"));
    tags.create(new Tag(null, "blue"));

    assertThat(links.find(Filter.ALL))
        .as("create through a hasManyThrough links the new target")
        .extracting(PostTag::tagId)
        .contains(red.id());
    assertThat(posts.query().include("tags").first().orElseThrow().tags())
        .extracting(Tag::label)
        .containsExactlyInAnyOrder("red", "blue");
    assertThat(tags.find(Filter.where(Where.eq("label", "red")))).containsExactly(red);
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> tags.deleteAll(null), "hasManyThrough");
  }
}
