package io.connectorkit.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A backend-neutral description of one native request (CONTRACT C9), for logs, metrics and traces:
 * what it does, to what, and its text with every value elided. The connector that makes the call
 * describes it ({@link Connector#describe(Object)}).
 *
 * @param operation the backend's verb: {@code SELECT}, {@code INSERT}, a Mongo command name ({@code
 *     find}, {@code update}), an HTTP method, a SOAP operation; never null
 * @param target what it addresses: a table, a collection, an HTTP path, a SOAP operation; null only
 *     for a call without one (a ping, a transaction statement)
 * @param text the request without values (SQL with {@code ?} placeholders, a command's shape, a
 *     method and path); never null, never holds a secret
 * @param parameters the values bound to the request, in order; may hold nulls; never null. Never
 *     log them above TRACE: they are user data.
 */
public record NativeCall(
    String operation, @Nullable String target, String text, List<Object> parameters) {
  /**
   * Copies the parameters (unmodifiable, nulls kept).
   *
   * @throws NullPointerException for a null operation, text or parameter list
   */
  public NativeCall {
    requireNonNull(operation, "operation is null");
    requireNonNull(text, "text is null");
    parameters =
        Collections.unmodifiableList(
            new ArrayList<>(requireNonNull(parameters, "parameters is null")));
  }

  /**
   * Describes a SQL statement: its verb (first keyword, upper case) and the first table it names.
   *
   * @param sql never null
   * @param parameters the bound values, never null; only their number is kept in the text
   * @return never null
   */
  public static NativeCall ofSql(String sql, List<Object> parameters) {
    return NativeCalls.ofSql(sql, parameters);
  }
}
