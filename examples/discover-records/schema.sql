-- The example's own database: scripts/example-connector.sh loads this before "mvn verify", whose
-- generate-sources phase runs connectorkit:discover against it.
DROP DATABASE IF EXISTS ckexample_discover;
CREATE DATABASE ckexample_discover CHARACTER SET utf8mb4;
USE ckexample_discover;
CREATE TABLE customer (
  id INT AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(120) NOT NULL,
  full_name VARCHAR(100) NOT NULL,
  status ENUM('active', 'blocked') NOT NULL DEFAULT 'active',
  credit DECIMAL(10,2) NOT NULL DEFAULT 0.00,
  born DATE NULL,
  UNIQUE KEY customer_email (email));
CREATE TABLE purchase_order (
  id INT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  placed_on DATE NOT NULL,
  ships_at TIME NULL,
  total DECIMAL(12,2) NOT NULL,
  CONSTRAINT fk_order_customer FOREIGN KEY (customer_id) REFERENCES customer (id));
CREATE VIEW customer_totals AS
  SELECT c.id AS customer_id, SUM(o.total) AS spent
  FROM customer c JOIN purchase_order o ON o.customer_id = c.id GROUP BY c.id;
INSERT INTO customer (email, full_name, credit, born) VALUES ('ada@example.com', 'Ada', 12.50, '1815-12-10');
INSERT INTO purchase_order (customer_id, placed_on, ships_at, total) VALUES (1, '2026-12-01', '10:30:00', 99.95);
