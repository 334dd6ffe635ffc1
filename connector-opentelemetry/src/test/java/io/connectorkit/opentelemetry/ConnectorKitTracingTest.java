package io.connectorkit.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConnectorKitTracingTest {
  private static final String MODEL =
      """
      {"name": "EcoTraced", "postgresql": {"table": "EcoTraced"},
       "properties": {"id": {"type": "number", "id": true}, "name": "string", "age": "number"}}""";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder()
          .setTracerProvider(provider)
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();

  @AfterEach
  void close() {
    provider.close();
  }

  private Dao open(DataSource db) {
    db.define(MODEL);
    db.automigrate("EcoTraced");
    ConnectorKitTracing.create(otel).instrument(db);
    exporter.reset();
    return db.dao("EcoTraced");
  }

  private List<SpanData> childrenOf(SpanData parent) {
    return exporter.getFinishedSpanItems().stream()
        .filter(span -> span.getParentSpanId().equals(parent.getSpanId()))
        .toList();
  }

  private SpanData only(String name) {
    List<SpanData> named =
        exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named)
        .as("spans named %s among %s", name, exporter.getFinishedSpanItems())
        .hasSize(1);
    return named.get(0);
  }

  @ParameterizedTest
  @EnumSource(Backends.class)
  void anOperationSpanHasAClientChildPerNativeCallWithTheDatabaseConventions(Backends backend) {
    try (DataSource db = backend.open("eco-traced-" + backend.name().toLowerCase())) {
      Dao people = open(db);
      people.create(Map.of("id", 1, "name", "Ada", "age", 36));
      people.find(Filter.where(Where.eq("name", "Ada")));

      SpanData create = only("create EcoTraced");
      assertThat(create.getKind()).isEqualTo(SpanKind.INTERNAL);
      SpanData insert = childrenOf(create).get(0);
      assertThat(insert.getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(insert.getName()).isEqualTo("INSERT EcoTraced");
      assertThat(insert.getTraceId()).isEqualTo(create.getTraceId());
      assertThat(insert.getAttributes().get(DataSourceTracer.DB_SYSTEM))
          .isEqualTo(db.connectorName());
      assertThat(insert.getAttributes().get(DataSourceTracer.DB_NAMESPACE))
          .isEqualTo(backend.database());
      assertThat(insert.getAttributes().get(DataSourceTracer.DB_OPERATION)).isEqualTo("INSERT");
      assertThat(insert.getAttributes().get(DataSourceTracer.SERVER_ADDRESS))
          .isEqualTo("127.0.0.1");
      assertThat(insert.getAttributes().get(DataSourceTracer.DB_QUERY))
          .containsIgnoringCase("insert")
          .contains("?")
          .doesNotContain("Ada")
          .doesNotContain("36");

      SpanData find = only("find EcoTraced");
      SpanData select = childrenOf(find).get(0);
      assertThat(select.getName()).isEqualTo("SELECT EcoTraced");
      assertThat(select.getAttributes().get(DataSourceTracer.DB_QUERY)).doesNotContain("Ada");
      assertThat(exporter.getFinishedSpanItems())
          .allSatisfy(s -> assertThat(s.hasEnded()).isTrue());
    }
  }

  @ParameterizedTest
  @EnumSource(Backends.class)
  void everyFailedNativeCallClosesItsSpanWithTheErrorType(Backends backend) {
    try (DataSource db = backend.open("eco-traced-fail-" + backend.name().toLowerCase())) {
      Dao people = open(db);
      AtomicInteger failedCalls = new AtomicInteger();
      db.addExecuteListener(
          new ExecuteListener() {
            @Override
            public void afterExecute(ExecuteContext context) {
              if (context.error() != null) {
                failedCalls.incrementAndGet();
              }
            }
          });
      people.create(Map.of("id", 1, "name", "Ada"));
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> people.create(Map.of("id", 1, "name", "again")))
            .isInstanceOf(ConnectorException.class);
      }

      List<SpanData> failedNative =
          exporter.getFinishedSpanItems().stream()
              .filter(s -> s.getKind() == SpanKind.CLIENT)
              .filter(s -> s.getStatus().getStatusCode() == StatusCode.ERROR)
              .toList();
      assertThat(failedCalls.get()).isGreaterThanOrEqualTo(3);
      assertThat(failedNative).hasSize(failedCalls.get());
      assertThat(failedNative)
          .allSatisfy(
              s -> {
                assertThat(s.hasEnded()).isTrue();
                assertThat(s.getAttributes().get(DataSourceTracer.ERROR_TYPE))
                    .isEqualTo("DUPLICATE_KEY");
                assertThat(s.getEvents())
                    .anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
              });
      List<SpanData> failedOperations =
          exporter.getFinishedSpanItems().stream()
              .filter(s -> s.getName().equals("create EcoTraced"))
              .filter(s -> s.getStatus().getStatusCode() == StatusCode.ERROR)
              .toList();
      assertThat(failedOperations)
          .hasSize(3)
          .allSatisfy(
              s ->
                  assertThat(s.getAttributes().get(DataSourceTracer.ERROR_TYPE))
                      .isEqualTo("DUPLICATE_KEY"));
    }
  }

  @Test
  void theRestConnectorsRequestsCarryTheTraceContextOfTheirSpan() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(
          new MockResponse().setHeader("Content-Type", "application/json").setBody("[]"));
      server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      try (DataSource db =
          DataSources.create(
              "eco-traced-rest",
              Map.of(
                  "connector",
                  "rest",
                  "baseURL",
                  "http://127.0.0.1:" + server.getPort() + "/api"))) {
        db.define(MODEL);
        ConnectorKitTracing.create(otel).instrument(db);

        assertThat(db.dao("EcoTraced").find(Filter.ALL)).isEmpty();

        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        SpanData get =
            exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT)
                .findFirst()
                .orElseThrow();
        assertThat(get.getAttributes().get(DataSourceTracer.DB_OPERATION)).isEqualTo("GET");
        assertThat(get.getAttributes().get(DataSourceTracer.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(request.getHeader("traceparent"))
            .isEqualTo("00-" + get.getTraceId() + "-" + get.getSpanId() + "-01");
      }
    }
  }
}
