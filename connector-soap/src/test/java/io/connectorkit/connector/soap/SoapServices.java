package io.connectorkit.connector.soap;

import com.sun.net.httpserver.HttpServer;
import jakarta.xml.ws.Endpoint;
import jakarta.xml.ws.handler.Handler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * JAX-WS services published on 127.0.0.1 (an ephemeral port) for the tests, plus static documents
 * (e.g. malicious WSDLs) and a record of the request headers each path received.
 */
final class SoapServices implements AutoCloseable {
  static final String USER = "alice";
  static final String PASSWORD = "s3cret";

  private final HttpServer server;
  private final List<Endpoint> endpoints = new ArrayList<>();
  private final Map<String, List<Map<String, List<String>>>> requests = new ConcurrentHashMap<>();

  SoapServices() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    publish("/calculator", new CalculatorService(), null);
    publish("/calculator12", new Calculator12Service(), null);
    publish("/teams", new TeamService(), null);
    publish("/greeter", new RpcService(), null);
    publish("/secure", new SecureService(), new UsernameTokenHandler(USER, PASSWORD));
    server.start();
  }

  @SuppressWarnings("rawtypes")
  private void publish(String path, Object implementor, Handler handler) {
    Endpoint endpoint = Endpoint.create(implementor);
    if (handler != null) {
      List<Handler> chain = new ArrayList<>(endpoint.getBinding().getHandlerChain());
      chain.add(handler);
      endpoint.getBinding().setHandlerChain(chain);
    }
    var context = server.createContext(path);
    context
        .getFilters()
        .add(
            new com.sun.net.httpserver.Filter() {
              @Override
              public void doFilter(com.sun.net.httpserver.HttpExchange exchange, Chain chain)
                  throws IOException {
                requests
                    .computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                    .add(Map.copyOf(exchange.getRequestHeaders()));
                chain.doFilter(exchange);
              }

              @Override
              public String description() {
                return "records request headers";
              }
            });
    endpoint.publish(context);
    endpoints.add(endpoint);
  }

  /** Serves a fixed document at a path. */
  void document(String path, String body) {
    server.createContext(
        path,
        exchange -> {
          requests
              .computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
              .add(Map.copyOf(exchange.getRequestHeaders()));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
  }

  /** Answers requests at a path with a handler of the test's own. */
  void handle(String path, com.sun.net.httpserver.HttpHandler handler) {
    server.createContext(path, handler);
  }

  /** Answers every request at a path with a bare HTTP status and no SOAP envelope. */
  void status(String path, int status) {
    server.createContext(
        path,
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Map<String, List<String>>> requests(String path) {
    return requests.getOrDefault(path, List.of());
  }

  @Override
  public void close() {
    endpoints.forEach(Endpoint::stop);
    server.stop(0);
  }
}
