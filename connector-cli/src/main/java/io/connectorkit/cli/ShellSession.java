package io.connectorkit.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The session of {@code connectorkit shell}: LoopBack-style calls such as {@code
 * Customer.find({"where": {"age": {"gt": 30}}})} are turned into CONTRACT C10 requests and answered
 * by an {@link ExecSession}, so the shell and {@code exec} give every operation one meaning.
 * Results are printed as indented JSON on standard output, errors as {@code CODE: message} on
 * standard error; the session goes on after an error.
 */
final class ShellSession implements AutoCloseable {
  static final String PROMPT = "connectorkit> ";

  // Model.method(arguments), the arguments a comma-separated list of JSON values.
  private static final Pattern CALL =
      Pattern.compile("(?s)([A-Za-z_$][\\w$-]*)\\.([A-Za-z_$][\\w$]*)\\s*\\((.*)\\)\\s*;?");

  private static final String HELP =
      """
      Model.operation(arguments): the arguments are JSON values, in LoopBack's order:
        Customer.create({"name": "Ada"})              Customer.find({"where": {"age": {"gt": 30}}})
        Customer.findById(1)                          Customer.count({"age": {"gt": 30}})
        Customer.updateAll({"name": "Ada"}, {"vip": true})
        Customer.upsertWithWhere({"name": "Ada"}, {"vip": true})
        Calculator.Add({"intA": 1, "intB": 2})        (any other name invokes a remote operation)
      {"op": ...}            a raw request of the exec protocol (CONTRACT C10)
      .models                the defined models and their properties
      .automigrate [Model…]  drop and recreate the storage of the models (all when none named)
      .autoupdate [Model…]   add missing storage of the models without losing data
      .begin [ISOLATION]     start a transaction used by every following call; .commit, .rollback
      .ping                  ping the datasource
      .help, .exit           this text; leave (end of input leaves too)
      """;

  private final DataSource dataSource;
  private final ExecSession exec;
  private final PrintStream out;
  private final PrintStream err;
  private @Nullable String transaction;
  private boolean failed;

  ShellSession(DataSource dataSource, PrintStream out, PrintStream err) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    this.exec = new ExecSession(dataSource);
    this.out = requireNonNull(out, "out is null");
    this.err = requireNonNull(err, "err is null");
  }

  /**
   * Reads lines until end of input or {@code .exit}.
   *
   * @param prompt whether to print a prompt before each line (an interactive terminal)
   */
  void run(BufferedReader in, boolean prompt) throws IOException {
    requireNonNull(in, "in is null");
    while (true) {
      if (prompt) {
        out.print(prompt());
        out.flush();
      }
      String line = in.readLine();
      if (line == null || !handle(line)) {
        return;
      }
    }
  }

  /**
   * Reads lines from a terminal with JLine: line editing, history (kept in {@code
   * ~/.connectorkit_history}) and completion of commands and {@code Model.operation} names, until
   * end of input (Ctrl-D) or {@code .exit}; Ctrl-C drops the line being typed.
   */
  void run(org.jline.terminal.Terminal terminal) {
    requireNonNull(terminal, "terminal is null");
    org.jline.reader.LineReader reader =
        org.jline.reader.LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("connectorkit")
            .completer(
                (lineReader, line, candidates) -> {
                  // Only the first word names a command or an operation.
                  if (line.wordIndex() == 0) {
                    completions()
                        .forEach(
                            word ->
                                // Model.operation is followed by "(", a command by a space.
                                candidates.add(
                                    new org.jline.reader.Candidate(
                                        word, word, null, null, null, null, word.startsWith("."))));
                  }
                })
            .variable(
                org.jline.reader.LineReader.HISTORY_FILE,
                java.nio.file.Path.of(
                    // $HOME first, as shells do; the JVM's user.home comes from the password file.
                    System.getenv("HOME") != null
                        ? System.getenv("HOME")
                        : System.getProperty("user.home"),
                    ".connectorkit_history"))
            .build();
    while (true) {
      String line;
      try {
        line = reader.readLine(prompt());
      } catch (org.jline.reader.UserInterruptException e) {
        continue;
      } catch (org.jline.reader.EndOfFileException e) {
        return;
      }
      if (!handle(line)) {
        return;
      }
    }
  }

  /** Whether a call of the session failed. */
  boolean failed() {
    return failed;
  }

  /**
   * Answers one line.
   *
   * @return false when the line ends the session
   */
  boolean handle(String line) {
    String text = line.strip();
    if (text.isEmpty() || text.startsWith("#") || text.startsWith("//")) {
      return true;
    }
    if (text.equals(".exit") || text.equals(".quit")) {
      return false;
    }
    try {
      answer(text);
    } catch (ConnectorException e) {
      failed = true;
      err.println(e.code() + ": " + e.getMessage());
      err.flush();
    }
    return true;
  }

  private void answer(String text) {
    if (text.startsWith(".")) {
      command(text);
    } else if (text.startsWith("{")) {
      print(exec.call(ExecSession.request(text)));
    } else {
      print(exec.call(request(text)));
    }
  }

  private void command(String text) {
    String[] words = text.split("\\s+");
    switch (words[0]) {
      case ".help" -> out.print(HELP);
      case ".models" -> models();
      case ".ping" -> print(exec.call(Map.of("op", "ping")));
      case ".automigrate", ".autoupdate" ->
          print(
              exec.call(
                  Map.of(
                      "op",
                      words[0].substring(1),
                      "models",
                      List.of(words).subList(1, words.length))));
      case ".begin" -> begin(words);
      case ".commit", ".rollback" -> finish(words[0].substring(1));
      default -> throw invalid("unknown command " + words[0] + "; .help lists the commands");
    }
    out.flush();
  }

  private void begin(String[] words) {
    if (transaction != null) {
      throw invalid("a transaction is already open; .commit or .rollback it first");
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("op", "begin");
    if (words.length > 1) {
      request.put("isolation", words[1].toUpperCase(Locale.ROOT));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> started =
        (Map<String, Object>) requireNonNull(exec.call(request), "begin result is null");
    transaction = (String) started.get("tx");
    print(started);
  }

  private void finish(String op) {
    if (transaction == null) {
      throw invalid("no transaction is open; start one with .begin");
    }
    String id = transaction;
    transaction = null;
    print(exec.call(Map.of("op", op, "tx", id)));
  }

  private void models() {
    for (ModelDefinition model : dataSource.models()) {
      String properties =
          model.properties().values().stream()
              .map(ShellSession::describe)
              .collect(Collectors.joining(", "));
      out.println(model.name() + ": " + properties);
    }
  }

  private static String describe(PropertyDefinition property) {
    return property.name()
        + " "
        + property.type()
        + (property.isId() ? " (id)" : "")
        + (property.required() ? " (required)" : "");
  }

  /** The C10 request of {@code Model.operation(arguments)}; other names invoke an operation. */
  private Map<String, Object> request(String text) {
    Matcher call = CALL.matcher(text);
    if (!call.matches()) {
      throw invalid(
          "cannot read \"" + text + "\": write Model.operation(arguments); .help shows examples");
    }
    String model = call.group(1);
    String operation = call.group(2);
    List<?> arguments = arguments(call.group(3), text);
    Map<String, Object> request = new LinkedHashMap<>();
    Optional<List<String>> names = exec.modelArguments(operation);
    if (names.isEmpty() && !dataSource.features().contains(Feature.OPERATIONS)) {
      // Without remote operations, a name close to a DAO operation is a typo of it; any other
      // name still goes to invoke, whose error says the connector has no remote operations.
      String suggestion = Suggestions.closest(operation, exec.modelOperations());
      if (suggestion != null) {
        throw invalid(
            "unknown operation `"
                + operation
                + "` on model "
                + model
                + " (did you mean "
                + suggestion
                + "?)");
      }
    }
    if (names.isEmpty() || operation.equals("invoke")) {
      request.put("op", "invoke");
      request.put("model", model);
      request.put("method", operation);
      if (arguments.size() > 1) {
        throw invalid(operation + " takes one argument, an object of the operation's arguments");
      }
      if (!arguments.isEmpty()) {
        request.put("args", arguments.get(0));
      }
    } else {
      List<String> expected = names.get();
      if (arguments.size() > expected.size()) {
        throw invalid(
            model
                + "."
                + operation
                + " takes "
                + (expected.isEmpty() ? "no arguments" : "(" + String.join(", ", expected) + ")")
                + ", got "
                + arguments.size()
                + " arguments");
      }
      request.put("op", operation);
      request.put("model", model);
      for (int i = 0; i < arguments.size(); i++) {
        request.put(expected.get(i), arguments.get(i));
      }
    }
    if (transaction != null) {
      request.put("tx", transaction);
    }
    return request;
  }

  private static List<?> arguments(String text, String line) {
    if (text.isBlank()) {
      return List.of();
    }
    Object parsed;
    try {
      parsed = Json.read("[" + text + "]");
    } catch (JsonProcessingException e) {
      throw invalid("the arguments of \"" + line + "\" are not JSON values: " + Json.describe(e));
    }
    return (List<?>) parsed;
  }

  private void print(@Nullable Object result) {
    try {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    } catch (JsonProcessingException e) {
      throw new ConnectorException(
          ErrorCode.BACKEND_ERROR, "cannot write the result as JSON: " + Json.describe(e), e);
    }
    out.flush();
  }

  private static ConnectorException invalid(String message) {
    return new ConnectorException(ErrorCode.INVALID_ARGUMENT, message);
  }

  /** The names a line may start with: commands, and Model.operation for every defined model. */
  List<String> completions() {
    List<String> words =
        new java.util.ArrayList<>(
            List.of(
                ".help",
                ".models",
                ".ping",
                ".begin",
                ".commit",
                ".rollback",
                ".automigrate",
                ".autoupdate",
                ".exit"));
    for (ModelDefinition model : dataSource.models()) {
      for (String operation : exec.modelOperations()) {
        words.add(model.name() + "." + operation);
      }
    }
    return words;
  }

  /** The prompt for the next line: it says when a transaction is open. */
  String prompt() {
    return transaction == null ? PROMPT : "connectorkit(tx)> ";
  }

  /** Rolls back a transaction left open. */
  @Override
  public void close() {
    exec.close();
  }
}
