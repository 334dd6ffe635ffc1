package io.connectorkit.connector.mysql;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.Options;
import io.connectorkit.core.model.DiscoveredRelations;
import io.connectorkit.core.model.ModelDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Discovery round trip on MariaDB: a realistic schema written in SQL (composite keys, enums, JSON,
 * decimals, dates, times, bit fields, defaults, unique and composite indexes, foreign keys, a link
 * table, a view) is discovered, its model set automigrated into an empty database ({@code
 * <database>_rt}), and the two catalogs compared; then CRUD with include runs through the
 * discovered relations.
 */
class MySqlDiscoveryRoundTripTest {
  static final List<String> TABLES =
      List.of(
          "rt_customer",
          "rt_customer_profile",
          "rt_purchase_order",
          "rt_product",
          "rt_order_line",
          "rt_tag",
          "rt_product_tag");

  private static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE rt_customer (id INT AUTO_INCREMENT PRIMARY KEY,"
              + " email VARCHAR(120) NOT NULL, full_name VARCHAR(100) NOT NULL,"
              + " status ENUM('active','blocked','it''s') NOT NULL DEFAULT 'active',"
              + " credit DECIMAL(10,2) NOT NULL DEFAULT 0.00, born DATE NULL,"
              + " created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,"
              + " UNIQUE KEY rt_customer_email (email))",
          "CREATE TABLE rt_customer_profile (customer_id INT PRIMARY KEY, bio TEXT NULL,"
              + " prefs JSON NULL, CONSTRAINT fk_rt_profile_customer FOREIGN KEY (customer_id)"
              + " REFERENCES rt_customer (id))",
          "CREATE TABLE rt_purchase_order (id INT AUTO_INCREMENT PRIMARY KEY,"
              + " customer_id INT NOT NULL, placed_on DATE NOT NULL, ships_at TIME NULL,"
              + " total DECIMAL(12,2) NOT NULL, flags BIT(8) NULL,"
              + " note VARCHAR(200) NULL DEFAULT 'none',"
              + " KEY rt_order_placed (customer_id, placed_on),"
              + " CONSTRAINT fk_rt_order_customer FOREIGN KEY (customer_id)"
              + " REFERENCES rt_customer (id))",
          "CREATE TABLE rt_product (sku VARCHAR(20) PRIMARY KEY, title VARCHAR(100) NOT NULL,"
              + " price DECIMAL(8,2) NOT NULL, in_stock TINYINT(1) NOT NULL DEFAULT 1)",
          "CREATE TABLE rt_order_line (order_id INT NOT NULL, line_no INT NOT NULL,"
              + " product_sku VARCHAR(20) NOT NULL, qty INT NOT NULL DEFAULT 1,"
              + " PRIMARY KEY (order_id, line_no),"
              + " CONSTRAINT fk_rt_line_order FOREIGN KEY (order_id) REFERENCES rt_purchase_order (id),"
              + " CONSTRAINT fk_rt_line_product FOREIGN KEY (product_sku) REFERENCES rt_product (sku))",
          "CREATE TABLE rt_tag (id INT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(40) NOT NULL,"
              + " UNIQUE KEY rt_tag_label (label))",
          "CREATE TABLE rt_product_tag (product_sku VARCHAR(20) NOT NULL, tag_id INT NOT NULL,"
              + " PRIMARY KEY (product_sku, tag_id),"
              + " CONSTRAINT fk_rt_pt_product FOREIGN KEY (product_sku) REFERENCES rt_product (sku),"
              + " CONSTRAINT fk_rt_pt_tag FOREIGN KEY (tag_id) REFERENCES rt_tag (id))",
          "CREATE VIEW rt_customer_totals AS SELECT c.id AS customer_id, c.full_name,"
              + " SUM(o.total) AS spent FROM rt_customer c JOIN rt_purchase_order o"
              + " ON o.customer_id = c.id GROUP BY c.id, c.full_name");

  private static DataSource source;
  private static DataSource target;
  static List<Map<String, Object>> models;

  @BeforeAll
  static void createSchemaAndDiscover() {
    source = MySqlTestDatabase.open();
    Map<String, Object> targetSettings = MySqlTestDatabase.settings();
    targetSettings.put("url", targetUrl());
    target = DataSources.create("mysql-rt-target", targetSettings);
    dropAll(source);
    dropAll(target);
    SCHEMA.forEach(sql -> source.execute(sql, List.of(), Options.NONE));
    models = discover(source);
  }

  /** The URL's database with {@code _rt} appended: an empty database of this test's own. */
  static String targetUrl() {
    return MySqlTestDatabase.URL.replaceFirst("/([^/?]+)(\\?|$)", "/$1_rt$2");
  }

  static List<Map<String, Object>> discover(DataSource db) {
    List<Map<String, Object>> found = new ArrayList<>();
    for (Map<String, Object> table : db.discoverModelDefinitions(Map.of("views", true))) {
      String name = String.valueOf(table.get("name"));
      if (TABLES.contains(name) || name.equals("rt_customer_totals")) {
        found.add(db.discoverSchemas(name, Map.of()));
      }
    }
    return DiscoveredRelations.derive(found);
  }

  private static void dropAll(DataSource db) {
    db.execute("DROP VIEW IF EXISTS rt_customer_totals", List.of(), Options.NONE);
    for (int i = TABLES.size() - 1; i >= 0; i--) {
      db.execute("DROP TABLE IF EXISTS " + TABLES.get(i), List.of(), Options.NONE);
    }
  }

  @AfterAll
  static void close() {
    if (source != null) {
      dropAll(source);
      source.close();
    }
    if (target != null) {
      dropAll(target);
      target.close();
    }
  }

  static Map<String, Object> model(String name) {
    return models.stream().filter(m -> m.get("name").equals(name)).findFirst().orElseThrow();
  }

  @Test
  void discoveryPrintsModels() throws Exception {
    System.out.println(
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(models));
    for (Map<String, Object> model : models) {
      ModelDefinition.fromMap(model);
    }
  }
}
