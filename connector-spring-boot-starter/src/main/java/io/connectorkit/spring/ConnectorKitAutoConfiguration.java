package io.connectorkit.spring;

import io.connectorkit.core.DataSource;
import io.connectorkit.micrometer.ConnectorKitMetrics;
import io.connectorkit.opentelemetry.ConnectorKitTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Spring Boot auto-configuration of ConnectorKit. From {@code connectorkit.datasources.<name>.*} in
 * {@code application.yml} (the keys of LoopBack's datasource JSON) and from {@code
 * datasources.json} on the class path ({@code connectorkit.datasources-file} names another), it
 * registers:
 *
 * <ul>
 *   <li>a {@link DataSource} bean per datasource, named after it and closed with the context;
 *   <li>a transaction manager per datasource ({@code <name>TransactionManager}, qualifier {@code
 *       <name>}): {@code @Transactional} begins, commits and rolls back the datasource's
 *       transaction, and repository calls inside join it;
 *   <li>a {@code Repository<T>} bean per record type listed under {@code
 *       connectorkit.repositories.<name>}, and on the primary datasource per {@code @Model} record
 *       of the application's packages ({@code connectorkit.scan-packages}; {@code
 *       connectorkit.scan-models=false} turns scanning off);
 *   <li>with {@code connector-micrometer} and a {@code MeterRegistry}, the datasources' metrics;
 *       with {@code connector-opentelemetry} and an {@code OpenTelemetry} bean, their tracing;
 *   <li>with the actuator, the {@code connectorkit} health contributor pinging each datasource.
 * </ul>
 *
 * <p>The only datasource, or the one {@code connectorkit.primary} names, is the primary bean, and
 * so is its transaction manager. {@code connectorkit.autoupdate=true} updates the schema of the
 * record types' models at startup. Exclude this class to configure ConnectorKit by hand.
 */
// Before TransactionAutoConfiguration: it enables @Transactional only when a transaction manager
// bean is already defined.
@AutoConfiguration(before = TransactionAutoConfiguration.class)
@ConditionalOnClass(DataSource.class)
@Import(DataSourceRegistrar.class)
public final class ConnectorKitAutoConfiguration {
  /** Created by Spring. */
  public ConnectorKitAutoConfiguration() {}

  /** Micrometer metrics of every datasource, when connector-micrometer is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({ConnectorKitMetrics.class, MeterRegistry.class})
  static final class Metrics {
    @Bean
    Instrumentation connectorKitMetrics(ObjectProvider<MeterRegistry> registry) {
      return dataSource ->
          registry.ifUnique(meters -> ConnectorKitMetrics.of(dataSource).bindTo(meters));
    }
  }

  /** OpenTelemetry tracing of every datasource, when connector-opentelemetry is there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({ConnectorKitTracing.class, OpenTelemetry.class})
  static final class Tracing {
    @Bean
    Instrumentation connectorKitTracing(ObjectProvider<OpenTelemetry> openTelemetry) {
      return dataSource ->
          openTelemetry.ifUnique(
              telemetry -> ConnectorKitTracing.create(telemetry).instrument(dataSource));
    }
  }

  /** The health of every datasource, when the actuator is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthContributor")
  @ConditionalOnEnabledHealthIndicator("connectorkit")
  static final class Health {
    @Bean
    HealthContributor connectorkitHealthContributor(ObjectProvider<DataSource> dataSources) {
      Map<String, DataSourceHealthIndicator> indicators = new LinkedHashMap<>();
      dataSources
          .orderedStream()
          .forEach(
              dataSource ->
                  indicators.put(dataSource.name(), new DataSourceHealthIndicator(dataSource)));
      return CompositeHealthContributor.fromMap(indicators);
    }
  }
}
