package io.connectorkit.connector.rest;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.model.ModelDefinition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real LoopBack 3 or LoopBack 4 server for tests: the app in {@code src/test/resources/loopback/
 * lb3} or {@code lb4} is installed from the npm registry with {@code npm ci} (its package-lock pins
 * every package) into {@code target/loopback/<app>-<hash of the lock>}, so a second run installs
 * nothing, then started with {@code node} on 127.0.0.1 and an ephemeral port, and stopped by {@link
 * #close()}. Without {@code node} or {@code npm} on the PATH the caller's tests are skipped (a
 * JUnit assumption naming what is missing); a failed install fails them with npm's output.
 *
 * <p>The TCK defines its models at run time, so both apps have one route of the fixture's own,
 * {@code POST /_ck/models}, that hands a model definition to LoopBack's registry (LoopBack 3's
 * {@code app.model}; LoopBack 4's {@code defineModelClass}, {@code defineCrudRepositoryClass} and
 * {@code defineCrudRestController}) and empties it with LoopBack's {@code automigrate}. Every other
 * answer comes from LoopBack itself.
 */
final class LoopBackNodeServer implements AutoCloseable {
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final String LISTENING = "LISTENING ";

  /** The two apps. */
  enum Version {
    LB3("lb3", "server/server.js", RestConfig.Dialect.LB3),
    LB4("lb4", "index.js", RestConfig.Dialect.LB4);

    private final String folder;
    private final String main;
    private final RestConfig.Dialect dialect;

    Version(String folder, String main, RestConfig.Dialect dialect) {
      this.folder = folder;
      this.main = main;
      this.dialect = dialect;
    }

    RestConfig.Dialect dialect() {
      return dialect;
    }
  }

  private final Version version;
  private final Process process;
  private final int port;
  private final List<String> output;
  private final HttpClient http;

  private LoopBackNodeServer(Version version, Process process, int port, List<String> output) {
    this.version = version;
    this.process = process;
    this.port = port;
    this.output = output;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * Installs (once) and starts the app of a version; skips the calling tests when Node.js is
   * absent.
   */
  static LoopBackNodeServer start(Version version) {
    requireNonNull(version, "version is null");
    assumeOnPath("node");
    assumeOnPath("npm");
    Path app = install(version);
    ProcessBuilder builder =
        new ProcessBuilder("node", version.main).directory(app.toFile()).redirectErrorStream(true);
    builder.environment().put("NODE_ENV", "test");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node " + version.main + " in " + app, e);
    }
    List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              // Drains the server's output for its whole life, so that it never blocks on a full
              // pipe; the lines are kept for failure messages.
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                  output.add(line);
                  if (line.startsWith(LISTENING)) {
                    listening.complete(Integer.parseInt(line.substring(LISTENING.length()).trim()));
                  }
                }
              } catch (IOException | RuntimeException e) {
                listening.completeExceptionally(e);
              }
              listening.completeExceptionally(new IllegalStateException("the server exited"));
            },
            "loopback-" + version.folder + "-output");
    reader.setDaemon(true);
    reader.start();
    try {
      int port = listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return new LoopBackNodeServer(version, process, port, output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(process);
      throw new IllegalStateException("interrupted while starting " + version, e);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      stop(process);
      throw new AssertionError(
          "the "
              + version
              + " server in "
              + app
              + " did not start within "
              + START_TIMEOUT.toSeconds()
              + " s; its output:\n"
              + String.join("\n", output),
          e);
    }
  }

  /** The base URL to give the REST connector: LoopBack's REST API root. */
  String baseUrl() {
    return "http://127.0.0.1:" + port + "/api";
  }

  /**
   * Defines (or redefines) a model on the server's memory datasource, empty and with its generated
   * ids restarting at 1, and checks that LoopBack serves it where the connector looks for it.
   */
  void define(ModelDefinition model) {
    String resource = RestConnector.resourceName(model, version.dialect);
    Object body =
        version == Version.LB3
            ? model.toJson()
            : Map.of("definition", model.toJson(), "path", resource);
    Map<String, Object> answer = post("/_ck/models", body);
    if (!("/" + resource).equals(answer.get("path"))) {
      // LoopBack 3 derives the path itself (from plural, http.path or its inflection): a different
      // path is a connector bug, not a fixture problem.
      throw new AssertionError(
          version
              + " serves "
              + model.name()
              + " at "
              + answer.get("path")
              + " but the REST connector uses /"
              + resource);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> post(String path, Object body) {
    HttpRequest request =
        HttpRequest.newBuilder(uri("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            version + " refused " + path + " (" + response.statusCode() + "): " + response.body());
      }
      return (Map<String, Object>) Json.read(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(version + ": POST " + path + " failed; " + recentOutput(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private String recentOutput() {
    synchronized (output) {
      return "server output:\n"
          + String.join("\n", output.subList(Math.max(0, output.size() - 30), output.size()));
    }
  }

  @Override
  public void close() {
    stop(process);
  }

  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- install

  private static void assumeOnPath(String command) {
    boolean found;
    try {
      Process probe =
          new ProcessBuilder(command, "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      found = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
      if (!found) {
        probe.destroyForcibly();
      }
    } catch (IOException e) {
      found = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    Assumptions.assumeTrue(
        found,
        "Node.js is absent: `"
            + command
            + " --version` does not run, so the real LoopBack servers cannot be installed");
  }

  /**
   * Copies the app into {@code target/loopback/<folder>-<hash>} and runs {@code npm ci} there once
   * per package-lock: the marker file is written only after a successful install.
   */
  private static Path install(Version version) {
    Path source = resources().resolve(version.folder);
    Path target;
    try {
      byte[] lock = Files.readAllBytes(source.resolve("package-lock.json"));
      byte[] manifest = Files.readAllBytes(source.resolve("package.json"));
      target =
          Path.of("target", "loopback", version.folder + "-" + hash(manifest, lock))
              .toAbsolutePath();
      copyTree(source, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the " + version + " app", e);
    }
    Path marker = target.resolve("node_modules").resolve(".connectorkit-installed");
    if (Files.exists(marker)) {
      return target;
    }
    List<String> command =
        List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=warn", "--omit=dev");
    Path log = target.resolve("npm-install.log");
    try {
      Process npm =
          new ProcessBuilder(command)
              .directory(target.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        npm.descendants().forEach(ProcessHandle::destroyForcibly);
        npm.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command)
                + " for "
                + version
                + " took longer than "
                + INSTALL_TIMEOUT.toMinutes()
                + " min; its output:\n"
                + Files.readString(log));
      }
      if (npm.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command)
                + " for "
                + version
                + " failed (exit "
                + npm.exitValue()
                + ") in "
                + target
                + "; its output:\n"
                + Files.readString(log));
      }
      Files.writeString(marker, String.join(" ", command) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run npm for " + version, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing " + version, e);
    }
    return target;
  }

  private static Path resources() {
    try {
      return Path.of(
          requireNonNull(
                  LoopBackNodeServer.class.getResource("/loopback"),
                  "the loopback apps are not on the test class path")
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hash(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies the app's files (not node_modules), so that an edited server file takes effect. */
  private static void copyTree(Path from, Path to) throws IOException {
    Map<Path, Path> copies = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(from)) {
      files.forEach(file -> copies.put(file, to.resolve(from.relativize(file).toString())));
    }
    for (Map.Entry<Path, Path> copy : copies.entrySet()) {
      if (Files.isDirectory(copy.getKey())) {
        Files.createDirectories(copy.getValue());
      } else {
        Files.copy(copy.getKey(), copy.getValue(), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static URI uri(String text) {
    return URI.create(text);
  }

  @Override
  public String toString() {
    return version + " server on 127.0.0.1:" + port;
  }
}
