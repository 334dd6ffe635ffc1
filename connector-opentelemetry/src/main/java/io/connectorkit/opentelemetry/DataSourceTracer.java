package io.connectorkit.opentelemetry;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.OperationContext;
import io.connectorkit.core.OperationListener;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import io.connectorkit.core.spi.NativeCall;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/** The spans of one datasource. Immutable; per-call state lives in the calls' attributes. */
final class DataSourceTracer implements OperationListener {
  static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
  static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
  static final AttributeKey<String> DB_COLLECTION = AttributeKey.stringKey("db.collection.name");
  static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
  static final AttributeKey<String> DB_QUERY = AttributeKey.stringKey("db.query.text");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> DATASOURCE = AttributeKey.stringKey("connectorkit.datasource");

  private final Tracer tracer;
  private final OpenTelemetry openTelemetry;
  private final String dataSource;
  private final String system;
  private final Endpoint endpoint;

  DataSourceTracer(Tracer tracer, OpenTelemetry openTelemetry, DataSource dataSource) {
    this.tracer = tracer;
    this.openTelemetry = openTelemetry;
    this.dataSource = dataSource.name();
    this.system = Endpoint.system(dataSource.connectorName());
    this.endpoint = Endpoint.of(dataSource.settings());
  }

  private record Opened(Span span, Scope scope) {}

  // The scope stays open across the operation: afterOperation closes it (Opened holds it).
  @SuppressWarnings("MustBeClosedChecker")
  @Override
  public void beforeOperation(OperationContext context) {
    Span span =
        tracer
            .spanBuilder(context.operation() + " " + context.model())
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(DATASOURCE, dataSource)
            .setAttribute(DB_SYSTEM, system)
            .setAttribute(DB_COLLECTION, context.model())
            .startSpan();
    // Current for the operation, so that its native calls become its children.
    context.setAttribute(this, new Opened(span, span.makeCurrent()));
  }

  @Override
  public void afterOperation(OperationContext context) {
    if (!(context.attribute(this) instanceof Opened opened)) {
      return;
    }
    try {
      fail(opened.span(), context.error(), context.errorCode());
    } finally {
      opened.scope().close();
      opened.span().end();
    }
  }

  /**
   * @param error null on success
   * @param code the error's code; null on success
   */
  private static void fail(Span span, @Nullable Throwable error, @Nullable String code) {
    if (error != null) {
      span.setStatus(StatusCode.ERROR, code);
      span.setAttribute(ERROR_TYPE, code);
      span.recordException(error);
    }
  }

  /** The listener opening a CLIENT span per native call. */
  ExecuteListener nativeCalls() {
    return new ExecuteListener() {
      @Override
      public void beforeExecute(ExecuteContext context) {
        NativeCall call = context.call();
        SpanBuilder builder =
            tracer
                .spanBuilder(
                    call.target() == null
                        ? call.operation()
                        : call.operation() + " " + call.target())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(DATASOURCE, dataSource)
                .setAttribute(DB_SYSTEM, system)
                .setAttribute(DB_OPERATION, call.operation())
                .setAttribute(DB_QUERY, call.text());
        if (call.target() != null) {
          builder.setAttribute(DB_COLLECTION, call.target());
        }
        if (endpoint.database() != null) {
          builder.setAttribute(DB_NAMESPACE, endpoint.database());
        }
        if (endpoint.host() != null) {
          builder.setAttribute(SERVER_ADDRESS, endpoint.host());
        }
        if (endpoint.port() > 0) {
          builder.setAttribute(SERVER_PORT, (long) endpoint.port());
        }
        Span span = builder.startSpan();
        context.setAttribute(this, span);
        HttpHeaders.inject(openTelemetry, Context.current().with(span), context);
      }

      @Override
      public void afterExecute(ExecuteContext context) {
        if (!(context.attribute(this) instanceof Span span)) {
          return;
        }
        Throwable error = context.error();
        fail(
            span,
            error,
            error == null
                ? null
                : error instanceof ConnectorException e
                    ? e.code().name()
                    : error.getClass().getName());
        span.end();
      }
    };
  }
}
