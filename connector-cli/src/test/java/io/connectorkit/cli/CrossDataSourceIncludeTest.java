package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.OperationHook;
import io.connectorkit.core.Related;
import io.connectorkit.core.Repository;
import io.connectorkit.core.annotation.BelongsTo;
import io.connectorkit.core.annotation.HasMany;
import io.connectorkit.core.annotation.Model;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.PropertyType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * C4.5 across datasources of different connectors: MySQL orders (MariaDB at 127.0.0.1:3306, {@code
 * CK_MYSQL_URL} overrides) that belong to customers in memory or in MongoDB (mongo-java-server),
 * through {@link DataSource#link}. The CLI module is the one that bundles every connector.
 */
class CrossDataSourceIncludeTest {
  private static final String URL =
      System.getenv().getOrDefault("CK_MYSQL_URL", "mysql://root@127.0.0.1:3306/ck_test");

  @Model(name = "XCustomer")
  record Customer(
      Object id,
      String name,
      @HasMany(model = "XOrder", foreignKey = "customerId") List<Order> orders) {}

  @Model(name = "XOrder")
  record Order(
      Object id,
      Long total,
      Object customerId,
      @BelongsTo(model = "XCustomer", foreignKey = "customerId") Customer customer) {}

  private static MongoServer mongo;

  @BeforeAll
  static void startMongo() {
    mongo = new MongoServer(new MemoryBackend());
    mongo.bind("127.0.0.1", 0);
  }

  @AfterAll
  static void stopMongo() {
    mongo.shutdownNow();
  }

  /** Customers in memory: numeric ids. */
  @Nested
  class MemoryCustomers extends Scenarios {
    @Override
    DataSource customerDataSource() {
      return DataSources.create("memory", Map.of("connector", "memory"));
    }
  }

  /** Customers in MongoDB (mongo-java-server): ObjectId strings as ids. */
  @Nested
  class MongoCustomers extends Scenarios {
    @Override
    DataSource customerDataSource() {
      String url = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/xinclude";
      DataSource db = DataSources.create("mongodb", Map.of("connector", "mongodb", "url", url));
      db.define(Repository.deriveModel(Customer.class));
      db.automigrate("XCustomer");
      return db;
    }

    @Test
    void theForeignKeyOfAMongoCustomerIsAString() {
      assertThat(mysql().model("XOrder").property("customerId").orElseThrow().type())
          .isEqualTo(PropertyType.STRING);
    }
  }

  abstract class Scenarios {
    private DataSource customerDb;
    private DataSource mysql;
    private Repository<Customer> customers;
    private Repository<Order> orders;

    @BeforeEach
    void open() {
      customerDb = customerDataSource();
      mysql =
          DataSources.create(
              "mysql", Map.of("connector", "mysql", "url", URL, "createDatabase", true));
      mysql.link(customerDb);
      customers = customerDb.repository(Customer.class);
      mysql.define(Repository.deriveModel(Order.class));
      mysql.automigrate("XOrder");
      orders = mysql.repository(Order.class);
    }

    @AfterEach
    void close() {
      mysql.close();
      customerDb.close();
    }

    @Test
    void mysqlOrdersIncludeTheirCustomersInOneBatchedQuery() {
      for (String name : List.of("ada", "alan", "grace")) {
        Object id = customers.create(new Customer(null, name, null)).id();
        orders.createAll(List.of(new Order(null, 10L, id, null), new Order(null, 20L, id, null)));
      }
      AtomicInteger customerQueries = new AtomicInteger();
      customerDb.observe(
          "XCustomer", OperationHook.ACCESS, context -> customerQueries.incrementAndGet());

      List<Order> found = orders.query().include("customer").orderBy("total").list();

      assertThat(found)
          .hasSize(6)
          .allSatisfy(order -> assertThat(order.customer().id()).isEqualTo(order.customerId()));
      assertThat(customerQueries.get()).as("one inq query for six orders, not six").isEqualTo(1);
      assertThat(mysql.model("XOrder").property("customerId").orElseThrow().type())
          .as("the foreign key is typed like the customer's id")
          .isEqualTo(customerDb.model("XCustomer").idProperties().get(0).type());
    }

    @Test
    void customersIncludeAndCreateTheirMysqlOrders() {
      Object ada = customers.create(new Customer(null, "ada", null)).id();
      Object alan = customers.create(new Customer(null, "alan", null)).id();
      Related<Order> adaOrders = customers.related(ada, "orders", Order.class);

      adaOrders.create(new Order(null, 10L, null, null));
      adaOrders.create(new Order(null, 30L, null, null));

      assertThat(orders.count(Where.eq("customerId", ada))).isEqualTo(2);
      assertThat(customers.find(Filter.builder().include("orders").order("name").build()))
          .extracting(customer -> customer.orders().size())
          .containsExactly(2, 0);
      assertThat(adaOrders.find(Filter.where(Where.gt("total", 20))))
          .extracting(Order::total)
          .containsExactly(30L);
      assertThatThrownBy(() -> adaOrders.create(new Order(null, 40L, alan, null)))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    abstract DataSource customerDataSource();

    DataSource mysql() {
      return mysql;
    }
  }
}
