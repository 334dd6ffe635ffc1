package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import io.connectorkit.core.spi.NativeCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query log every datasource installs (CONTRACT C9 hooks): each native call with its duration
 * on the logger {@code io.connectorkit.connector.<connector>.query}, at DEBUG, or at INFO for a
 * datasource with {@code "debug": true} (LoopBack's setting); its parameters only at TRACE, since
 * they are user data. The text is the connector's {@link NativeCall#text()}, which holds no value
 * and no secret. Immutable.
 */
final class QueryLog implements ExecuteListener {
  private final Logger log;
  private final String dataSource;
  private final boolean debug;

  private QueryLog(Logger log, String dataSource, boolean debug) {
    this.log = log;
    this.dataSource = dataSource;
    this.debug = debug;
  }

  /** The logger's name for a connector's native calls. */
  static String loggerName(String connector) {
    return "io.connectorkit.connector." + connector + ".query";
  }

  /**
   * Adds the query log to a datasource's connector when it can print anything: with {@code debug}
   * set, or when the logger is at DEBUG when the datasource is made. Read once, so that a
   * datasource that logs nothing pays nothing per call.
   */
  static void install(String dataSource, Connector connector) {
    requireNonNull(dataSource, "dataSource is null");
    boolean debug = connector.settings().bool("debug", false);
    Logger log = LoggerFactory.getLogger(loggerName(connector.name()));
    if (debug || log.isDebugEnabled()) {
      connector.addExecuteListener(new QueryLog(log, dataSource, debug));
    }
  }

  @Override
  public void afterExecute(ExecuteContext context) {
    boolean enabled = debug ? log.isInfoEnabled() : log.isDebugEnabled();
    if (!enabled) {
      return;
    }
    NativeCall call = context.call();
    double millis = context.duration().toNanos() / 1_000_000.0;
    String outcome =
        context.error() == null
            ? "ok"
            : "failed "
                + (context.error() instanceof ConnectorException e
                    ? e.code().name()
                    : context.error().getClass().getSimpleName());
    String line =
        String.format(
            java.util.Locale.ROOT,
            "%s: %s [%d parameter%s] %.3f ms %s",
            dataSource,
            call.text(),
            call.parameters().size(),
            call.parameters().size() == 1 ? "" : "s",
            millis,
            outcome);
    if (debug) {
      log.info(line);
    } else {
      log.debug(line);
    }
    if (log.isTraceEnabled() && !call.parameters().isEmpty()) {
      log.trace("{}: parameters {}", dataSource, call.parameters());
    }
  }
}
