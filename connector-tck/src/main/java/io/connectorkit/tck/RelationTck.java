package io.connectorkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.OperationHook;
import io.connectorkit.core.Related;
import io.connectorkit.core.Repository;
import io.connectorkit.core.annotation.BelongsTo;
import io.connectorkit.core.annotation.HasMany;
import io.connectorkit.core.annotation.HasOne;
import io.connectorkit.core.annotation.Model;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * C4.5 relations declared by annotations on typed repositories: include into relation components
 * with batched queries (no N+1), relation accessors that keep the foreign key, entities carrying
 * included relations saved without them, and includes across two linked datasources of the
 * connector under test.
 */
public abstract class RelationTck extends TckSection {
  /** The parent side. */
  @Model(name = "TckRelCustomer")
  public record TckRelCustomer(
      @Nullable Object id,
      String name,
      @HasMany(model = "TckRelOrder", foreignKey = "customerId") @Nullable List<TckRelOrder> orders,
      @HasOne(model = "TckRelOrder", foreignKey = "customerId") @Nullable TckRelOrder anyOrder) {
    static TckRelCustomer named(String name) {
      return new TckRelCustomer(null, name, null, null);
    }
  }

  /** The child side; its {@code Object} foreign key takes the customer's id type. */
  @Model(name = "TckRelOrder")
  public record TckRelOrder(
      @Nullable Object id,
      Long total,
      @Nullable Object customerId,
      @BelongsTo(model = "TckRelCustomer", foreignKey = "customerId")
          @Nullable TckRelCustomer customer) {
    static TckRelOrder of(long total, @Nullable Object customerId) {
      return new TckRelOrder(null, total, customerId, null);
    }
  }

  // Set by defineShop, which every test calls first: it picks the datasources of the two sides.
  @SuppressWarnings("NullAway.Init")
  private Repository<TckRelCustomer> customers;

  @SuppressWarnings("NullAway.Init")
  private Repository<TckRelOrder> orders;

  protected RelationTck(ConnectorTck tck) {
    super(tck);
  }

  private void defineShop(DataSource customerSide, DataSource orderSide) {
    customers = repository(customerSide, TckRelCustomer.class);
    orders = repository(orderSide, TckRelOrder.class);
  }

  /** Three customers with two orders each, and one without; returns the customers. */
  private List<TckRelCustomer> seed() {
    List<TckRelCustomer> created =
        customers.createAll(
            List.of(
                TckRelCustomer.named("ada"),
                TckRelCustomer.named("alan"),
                TckRelCustomer.named("grace"),
                TckRelCustomer.named("nobody")));
    for (TckRelCustomer customer : created.subList(0, 3)) {
      orders.create(TckRelOrder.of(10, customer.id()));
      orders.create(TckRelOrder.of(20, customer.id()));
    }
    return created;
  }

  /** The id of a customer the repository returned: a stored record carries its id (C3). */
  private static Object idOf(TckRelCustomer customer) {
    return CrudFixtures.present(
        customer.id(), "C3: a record returned by the repository carries its id", customer);
  }

  /** The id of an order the repository returned: a stored record carries its id (C3). */
  private static Object idOf(TckRelOrder order) {
    return CrudFixtures.present(
        order.id(), "C3: a record returned by the repository carries its id", order);
  }

  /** The customer included into an order's {@code @BelongsTo} component (C4.5). */
  private static TckRelCustomer customerOf(TckRelOrder order) {
    return CrudFixtures.present(
        order.customer(), "C4.5: an included belongsTo component holds the related record", order);
  }

  /** The orders included into a customer's {@code @HasMany} component (C4.5). */
  private static List<TckRelOrder> ordersOf(TckRelCustomer customer) {
    return CrudFixtures.present(
        customer.orders(),
        "C4.5: an included hasMany component holds the related records",
        customer);
  }

  private static TckRelCustomer byName(List<TckRelCustomer> rows, String name) {
    return rows.stream().filter(row -> name.equals(row.name())).findFirst().orElseThrow();
  }

  @Test
  @ContractSection("C4.5")
  void annotatedRelationsIncludeIntoTheRelationComponents() {
    defineShop(db, db);
    seed();

    List<TckRelCustomer> found = customers.query().include("orders", "anyOrder").list();
    List<TckRelOrder> withCustomer = orders.query().include("customer").list();

    assertThat(byName(found, "ada").orders())
        .as("C4.5: a @HasMany component holds the included records")
        .extracting(TckRelOrder::total)
        .containsExactlyInAnyOrder(10L, 20L);
    assertThat(byName(found, "nobody").orders()).as("C4.5: hasMany without records").isEmpty();
    assertThat(byName(found, "nobody").anyOrder()).as("C4.5: hasOne without a record").isNull();
    assertThat(byName(found, "ada").anyOrder()).isNotNull();
    assertThat(withCustomer)
        .as("C4.5: a @BelongsTo component holds the related record")
        .allSatisfy(order -> assertThat(customerOf(order).id()).isEqualTo(order.customerId()));
  }

  @Test
  @ContractSection("C4.5")
  void includeRunsOneQueryPerRelationNotOnePerParent() {
    defineShop(db, db);
    seed();
    AtomicInteger orderQueries = new AtomicInteger();
    AtomicInteger customerQueries = new AtomicInteger();
    db.observe("TckRelOrder", OperationHook.ACCESS, context -> orderQueries.incrementAndGet());
    db.observe(
        "TckRelCustomer", OperationHook.ACCESS, context -> customerQueries.incrementAndGet());

    customers.query().include("orders").list();
    int ordersForCustomers = orderQueries.get();
    orders.query().include("customer").list();

    assertThat(ordersForCustomers)
        .as("C4.5: hasMany of four customers is one batched (inq) query")
        .isEqualTo(1);
    assertThat(customerQueries.get())
        .as("C4.5: the customers query plus one batched belongsTo query for six orders")
        .isEqualTo(2);
  }

  @Test
  @ContractSection("C4.5")
  void includeScopesApplyToTypedIncludes() {
    defineShop(db, db);
    seed();

    List<TckRelCustomer> found =
        customers
            .query()
            .include(
                "orders",
                FilterParser.parse(
                    "{\"where\": {\"total\": {\"gt\": 15}}, \"include\": \"customer\"}"))
            .list();

    TckRelCustomer ada = byName(found, "ada");
    assertThat(ada.orders()).extracting(TckRelOrder::total).containsExactly(20L);
    assertThat(customerOf(ordersOf(ada).get(0)).name())
        .as("C4.5: a nested include resolves into the nested entity")
        .isEqualTo("ada");
  }

  @Test
  @ContractSection("C4.5")
  void accessorCreateSetsTheForeignKeyAndFindIsScoped() {
    defineShop(db, db);
    List<TckRelCustomer> seeded = seed();
    Object ada = idOf(seeded.get(0));
    Related<TckRelOrder> adaOrders = customers.related(ada, "orders", TckRelOrder.class);

    TckRelOrder created = adaOrders.create(TckRelOrder.of(30, null));

    assertThat(created.customerId())
        .as("C4.5: create through the accessor sets the foreign key")
        .isEqualTo(ada);
    assertThat(adaOrders.find(Filter.where(Where.gt("total", 15))))
        .as("C4.5: the accessor finds the parent's related records only")
        .extracting(TckRelOrder::total)
        .containsExactlyInAnyOrder(20L, 30L);
    assertThat(adaOrders.count(Where.all())).isEqualTo(3);
    assertThat(orders.related(idOf(created), "customer", TckRelCustomer.class).get())
        .map(TckRelCustomer::name)
        .contains("ada");
    assertThat(adaOrders.deleteAll(Where.eq("total", 30))).isEqualTo(1);
    assertThat(orders.count()).as("the accessor deletes the parent's records only").isEqualTo(6);
  }

  @Test
  @ContractSection("C4.5")
  void changingTheForeignKeyThroughTheAccessorIsInvalid() {
    defineShop(db, db);
    List<TckRelCustomer> seeded = seed();
    Object alan = idOf(seeded.get(1));
    Related<TckRelOrder> adaOrders =
        customers.related(idOf(seeded.get(0)), "orders", TckRelOrder.class);

    assertError(
        ErrorCode.INVALID_ARGUMENT,
        "C4.5: create through an accessor cannot name another parent",
        () -> adaOrders.create(TckRelOrder.of(40, alan)));
    assertError(
        ErrorCode.INVALID_ARGUMENT,
        "C4.5: updateAll through an accessor cannot move records to another parent",
        () -> adaOrders.updateAll(Where.all(), Map.of("customerId", alan)));
    assertThat(orders.count(Where.eq("customerId", alan))).isEqualTo(2);
  }

  @Test
  @ContractSection("C4.5")
  void savingAnEntityWithAnIncludedRelationDoesNotWriteIt() {
    defineShop(db, db);
    seed();
    TckRelCustomer ada =
        customers.query().where("name").eq("ada").include("orders").first().orElseThrow();

    TckRelCustomer saved = customers.save(ada);

    assertThat(saved.orders()).as("the relation is not stored with the entity").isNull();
    assertThat(customers.dao().findById(idOf(ada)).orElseThrow()).doesNotContainKey("orders");
    assertThat(orders.count()).as("saving does not write the related records").isEqualTo(6);
  }

  @Test
  @ContractSection("C4.5")
  void includeReachesAModelOnALinkedDatasource() {
    DataSource other = anotherDataSource();
    db.link(other);
    defineShop(other, db);
    seed();
    AtomicInteger customerQueries = new AtomicInteger();
    other.observe(
        "TckRelCustomer", OperationHook.ACCESS, context -> customerQueries.incrementAndGet());

    List<TckRelOrder> found = orders.query().include("customer").list();
    int customerQueriesForOrders = customerQueries.get();
    List<TckRelCustomer> withOrders = customers.query().include("orders").list();

    assertThat(found)
        .as("C4.5: a relation may target a model on another (linked) datasource")
        .hasSize(6)
        .allSatisfy(order -> assertThat(customerOf(order).id()).isEqualTo(order.customerId()));
    assertThat(customerQueriesForOrders)
        .as("C4.5: across datasources the keys are still batched: one query for six orders")
        .isEqualTo(1);
    assertThat(byName(withOrders, "grace").orders()).hasSize(2);
    assertThat(
            customers
                .related(idOf(byName(withOrders, "ada")), "orders", TckRelOrder.class)
                .count(Where.all()))
        .isEqualTo(2);
  }
}
