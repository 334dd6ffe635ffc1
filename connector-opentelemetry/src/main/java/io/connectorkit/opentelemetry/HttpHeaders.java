package io.connectorkit.opentelemetry;

import io.connectorkit.core.spi.ExecuteContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import okhttp3.Request;

/**
 * Puts the trace context into the REST connector's okhttp requests. Its own class so that without
 * okhttp on the class path (an optional dependency) nothing of it is loaded.
 */
final class HttpHeaders {
  private static final boolean OKHTTP = present();

  private HttpHeaders() {}

  private static boolean present() {
    try {
      Class.forName("okhttp3.Request");
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static void inject(OpenTelemetry openTelemetry, Context context, ExecuteContext call) {
    if (OKHTTP) {
      OkHttp.inject(openTelemetry, context, call);
    }
  }

  private static final class OkHttp {
    static void inject(OpenTelemetry openTelemetry, Context context, ExecuteContext call) {
      if (call.request() instanceof Request request) {
        Request.Builder builder = request.newBuilder();
        openTelemetry
            .getPropagators()
            .getTextMapPropagator()
            .inject(context, builder, (b, name, value) -> b.header(name, value));
        call.setRequest(builder.build());
      }
    }
  }
}
