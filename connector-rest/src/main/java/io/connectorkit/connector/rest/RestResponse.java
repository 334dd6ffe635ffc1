package io.connectorkit.connector.rest;

import static java.util.Objects.requireNonNull;

import okhttp3.Headers;
import okhttp3.Request;

/**
 * One HTTP exchange as the REST connector's {@code after execute} hooks see it ({@link
 * io.connectorkit.core.spi.ExecuteContext#response()}); the {@code before execute} hooks see, and
 * may replace, the okhttp {@link Request}.
 *
 * @param request the request that was sent (after every hook), never null
 * @param status the HTTP status code
 * @param headers the response headers, never null
 * @param body the whole response body as text; empty for none
 */
public record RestResponse(Request request, int status, Headers headers, String body) {
  public RestResponse {
    requireNonNull(request, "request is null");
    requireNonNull(headers, "headers is null");
    requireNonNull(body, "body is null");
  }

  /** Whether the status is 2xx. */
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  /** The response's media type, e.g. {@code application/json; charset=utf-8}, or null. */
  public String contentType() {
    return headers.get("Content-Type");
  }
}
