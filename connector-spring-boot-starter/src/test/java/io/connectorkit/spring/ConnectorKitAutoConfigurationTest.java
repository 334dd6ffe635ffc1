package io.connectorkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.Repository;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.spring.scanned.Note;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;

class ConnectorKitAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ConnectorKitAutoConfiguration.class));

  @Test
  void registersADataSourceRepositoryAndTransactionManagerFromProperties() {
    runner
        .withPropertyValues(
            "connectorkit.datasources.mem.connector=memory",
            "connectorkit.repositories.mem=io.connectorkit.spring.Person")
        .withBean(NeedsPeople.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              DataSource mem = context.getBean("mem", DataSource.class);
              NeedsPeople injected = context.getBean(NeedsPeople.class);
              assertThat(injected.dataSources).containsOnlyKeys("mem");
              assertThat(mem.connectorName()).isEqualTo("memory");
              assertThat(context.getBean(DataSource.class)).isSameAs(mem);
              assertThat(mem.unwrap(Connector.class).isConnected()).isTrue();

              Repository<Person> people = repository(context, Person.class);
              assertThat(context.getBean("personRepository")).isSameAs(people);
              assertThat(injected.people).isSameAs(people);
              Person ada = people.create(new Person(null, "Ada", 36));
              assertThat(mem.repository(Person.class).findById(ada.id())).contains(ada);

              assertThat(context.getBean("memTransactionManager"))
                  .isInstanceOf(PlatformTransactionManager.class)
                  .isSameAs(context.getBean(PlatformTransactionManager.class));
            });
  }

  @Test
  void closesEveryDataSourceWithTheContext() {
    AtomicReference<DataSource> mem = new AtomicReference<>();
    runner
        .withPropertyValues("connectorkit.datasources.mem.connector=memory")
        .run(context -> mem.set(context.getBean("mem", DataSource.class)));

    assertThat(mem.get().unwrap(Connector.class).isConnected()).isFalse();
  }

  @Test
  void readsDatasourcesJsonWithVariablesAndLetsPropertiesOverrideItsKeys() {
    runner
        .withPropertyValues(
            "connectorkit.datasources-file=classpath:ck/datasources.json",
            "CK_STARTER_OWNER=spring",
            "connectorkit.datasources.second.tags[0]=a",
            "connectorkit.datasources.second.tags[1]=b",
            "connectorkit.datasources.third.connector=memory",
            "connectorkit.datasources.third.someCamelCaseKey=kept",
            "connectorkit.primary=files")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBeansOfType(DataSource.class))
                  .containsOnlyKeys("files", "second", "third");
              DataSource files = context.getBean("files", DataSource.class);
              assertThat(files.settings().get("owner")).isEqualTo("spring");
              assertThat(context.getBean(DataSource.class)).isSameAs(files);

              DataSource second = context.getBean("second", DataSource.class);
              assertThat(second.settings().get("tags")).isEqualTo(List.of("a", "b"));
              // lazyConnect from the JSON is kept: not connected until first used.
              assertThat(second.unwrap(Connector.class).isConnected()).isFalse();
              DataSource third = context.getBean("third", DataSource.class);
              assertThat(third.unwrap(Connector.class).isConnected()).isTrue();
              // LoopBack's keys are camelCase: Spring's binding must not lower-case them.
              assertThat(third.settings().get("someCamelCaseKey")).isEqualTo("kept");

              // @Transactional("second") finds the second datasource's transaction manager.
              assertThat(
                      BeanFactoryAnnotationUtils.qualifiedBeanOfType(
                          context.getBeanFactory(), TransactionManager.class, "second"))
                  .isSameAs(context.getBean("secondTransactionManager"))
                  .hasToString("ConnectorKitTransactionManager[second]");
              assertThat(context.getBean(PlatformTransactionManager.class))
                  .isSameAs(context.getBean("filesTransactionManager"));
            });
  }

  @Test
  void scansForModelRecordsOntoThePrimaryDataSource() {
    runner
        .withPropertyValues(
            "connectorkit.datasources.mem.connector=memory",
            "connectorkit.scan-packages=io.connectorkit.spring.scanned")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Repository<Note> notes = repository(context, Note.class);
              notes.create(new Note(null, "hello"));
              assertThat(context.getBean("mem", DataSource.class).dao("Note").count(null))
                  .isEqualTo(1);
            });
  }

  @Test
  void scannedRecordsWithoutAPrimaryDataSourceFailNamingTheWayOut() {
    runner
        .withPropertyValues(
            "connectorkit.datasources.a.connector=memory",
            "connectorkit.datasources.b.connector=memory",
            "connectorkit.scan-packages=io.connectorkit.spring.scanned")
        .run(
            context ->
                assertThat(configurationFailure(context))
                    .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
                    .hasMessageContaining(Note.class.getName())
                    .hasMessageContaining("connectorkit.primary"));
  }

  @Test
  void anUnknownConnectorFailsStartupNamingTheDataSource() {
    runner
        .withPropertyValues("connectorkit.datasources.bad.connector=nosuch")
        .run(
            context ->
                assertThat(configurationFailure(context))
                    .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
                    .hasMessageContaining("nosuch"));
  }

  @Test
  void anUnloadableRecordTypeFailsNamingThePropertyAndValue() {
    runner
        .withPropertyValues(
            "connectorkit.datasources.mem.connector=memory",
            "connectorkit.repositories.mem=com.example.Missing")
        .run(
            context ->
                assertThat(configurationFailure(context))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("connectorkit.repositories.mem")
                    .hasMessageContaining("com.example.Missing"));
  }

  @Test
  void repositoriesOfAnUnknownDataSourceFailNamingIt() {
    runner
        .withPropertyValues(
            "connectorkit.datasources.mem.connector=memory",
            "connectorkit.repositories.other=io.connectorkit.spring.Person")
        .run(
            context ->
                assertThat(configurationFailure(context))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("no datasource \"other\""));
  }

  @Test
  void healthIsUpForAReachableDataSourceAndDownWithTheErrorCodeOtherwise() {
    runner
        .withPropertyValues(
            "connectorkit.datasources.mem.connector=memory",
            "connectorkit.datasources.gone.connector=mysql",
            "connectorkit.datasources.gone.host=127.0.0.1",
            "connectorkit.datasources.gone.port=1",
            "connectorkit.datasources.gone.password=s3cret-value",
            "connectorkit.datasources.gone.connectionTimeout=2000",
            "connectorkit.datasources.gone.lazyConnect=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              CompositeHealthContributor health =
                  context.getBean(
                      "connectorkitHealthContributor", CompositeHealthContributor.class);
              HealthIndicator mem = (HealthIndicator) health.getContributor("mem");
              assertThat(mem.health().getStatus()).isEqualTo(Status.UP);
              assertThat(mem.health().getDetails()).containsEntry("connector", "memory");

              long started = System.nanoTime();
              var gone = ((HealthIndicator) health.getContributor("gone")).health();
              assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
              assertThat(gone.getStatus()).isEqualTo(Status.DOWN);
              assertThat(gone.getDetails()).containsEntry("error", "CONNECTION_FAILED");
              assertThat(gone.getDetails().toString()).doesNotContain("s3cret-value");
            });
  }

  @Test
  void bindsMetricsToTheMeterRegistryWhenThereIsOne() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues(
            "connectorkit.datasources.mem.connector=memory",
            "connectorkit.repositories.mem=io.connectorkit.spring.Person")
        .run(
            context -> {
              repository(context, Person.class).create(new Person(null, "Ada", 36));
              Timer creates =
                  context
                      .getBean(MeterRegistry.class)
                      .find("connectorkit.operation")
                      .tags("datasource", "mem", "model", "Person", "outcome", "success")
                      .timer();
              assertThat(creates).isNotNull();
              assertThat(creates.count()).isPositive();
            });
  }

  @Test
  void tracesOperationsWhenThereIsAnOpenTelemetryBean() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    runner
        .withBean(
            OpenTelemetry.class,
            () ->
                OpenTelemetrySdk.builder()
                    .setTracerProvider(
                        SdkTracerProvider.builder()
                            .addSpanProcessor(SimpleSpanProcessor.create(spans))
                            .build())
                    .build())
        .withPropertyValues(
            "connectorkit.datasources.mem.connector=memory",
            "connectorkit.repositories.mem=io.connectorkit.spring.Person")
        .run(
            context -> {
              repository(context, Person.class).findAll();
              assertThat(spans.getFinishedSpanItems())
                  .extracting(SpanData::getName)
                  .anyMatch(name -> name.contains("Person"));
            });
  }

  @Test
  void withoutDataSourcesItRegistersNothing() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
          assertThat(context.getBeansOfType(PlatformTransactionManager.class)).isEmpty();
        });
  }

  /** The ConnectorException that failed the startup, wherever Spring wrapped it. */
  private static Throwable configurationFailure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    for (Throwable e = context.getStartupFailure(); e != null; e = e.getCause()) {
      if (e instanceof ConnectorException) {
        return e;
      }
    }
    return context.getStartupFailure();
  }

  @SuppressWarnings("unchecked")
  static <T> Repository<T> repository(AssertableApplicationContext context, Class<T> type) {
    return (Repository<T>)
        context
            .getBeanProvider(ResolvableType.forClassWithGenerics(Repository.class, type))
            .getObject();
  }

  /** Autowiring by generic type, as an application does. */
  static final class NeedsPeople {
    @Autowired Repository<Person> people;
    @Autowired Map<String, DataSource> dataSources;
  }
}
