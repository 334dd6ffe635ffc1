package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.shop.db.Customer;
import com.example.shop.db.CustomerTotals;
import com.example.shop.db.PurchaseOrder;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records connectorkit:discover generated read the rows schema.sql wrote. */
class GeneratedRecordsTest {

  private static String modelJson(String name) throws IOException {
    try (InputStream in =
        GeneratedRecordsTest.class.getResourceAsStream("/connectorkit-models/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void generatedRecordsReadRowsAndIncludeRelations() throws IOException {
    try (DataSource db = DataSources.load(Path.of("datasource.json"), "shop")) {
      for (String model : List.of("Customer", "PurchaseOrder", "CustomerTotals")) {
        db.define(ModelDefinition.fromJson(modelJson(model)));
      }
      Repository<Customer> customers = db.repository(Customer.class, "Customer");
      Repository<PurchaseOrder> orders = db.repository(PurchaseOrder.class, "PurchaseOrder");

      Customer ada = customers.query().include("purchaseOrders").list().get(0);
      assertThat(ada.fullName()).isEqualTo("Ada");
      assertThat(ada.status()).isEqualTo(Customer.Status.active);
      assertThat(ada.credit()).isEqualByComparingTo(new BigDecimal("12.50"));
      assertThat(ada.born()).isEqualTo(LocalDate.of(1815, 12, 10));
      assertThat(ada.purchaseOrders()).singleElement().satisfies(o -> {
        assertThat(o.total()).isEqualByComparingTo(new BigDecimal("99.95"));
        assertThat(o.shipsAt()).isEqualTo(LocalTime.of(10, 30));
      });
      PurchaseOrder order = orders.query().include("customer").list().get(0);
      assertThat(order.customer().email()).isEqualTo("ada@example.com");
      List<CustomerTotals> totals =
          db.repository(CustomerTotals.class, "CustomerTotals").query().list();
      assertThat(totals).singleElement().satisfies(t -> assertThat(t.spent()).isEqualByComparingTo("99.95"));
    }
  }
}
