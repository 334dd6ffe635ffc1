package io.connectorkit.connector.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.model.Values;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The memory connector's file, in LoopBack's format: {@code {"ids": {"Person": 4}, "models":
 * {"Person": {"1": "{\"id\":1,\"name\":\"a\"}"}}}}: per model the next id, and each row as a JSON
 * string keyed by its id. Dates are ISO-8601 strings with milliseconds, buffers base64.
 */
final class MemoryFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final TypeReference<LinkedHashMap<String, Object>> ROW = new TypeReference<>() {};

  /**
   * A temp file older than this is an orphan of a process killed mid-write: a live write takes
   * milliseconds, so another process's write in progress is never mistaken for one.
   */
  static final java.time.Duration ORPHAN_AGE = java.time.Duration.ofMinutes(1);

  private final Path path;

  MemoryFile(Path path) {
    this.path = path.toAbsolutePath();
  }

  Path path() {
    return path;
  }

  /**
   * The rows of one model as stored: key → row JSON text, and the model's next id (LoopBack's
   * {@code ids} entry; 0 when absent).
   */
  record ModelData(long nextId, LinkedHashMap<String, String> rows) {}

  /**
   * Deletes the temp files a killed process left beside the file ({@code .<name>*.tmp}, older than
   * {@link #ORPHAN_AGE}); a file that cannot be deleted is left for the next start.
   */
  void removeOrphanTemps() {
    Path directory = path.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      return;
    }
    java.nio.file.attribute.FileTime cutoff =
        java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(ORPHAN_AGE));
    try (java.nio.file.DirectoryStream<Path> temps =
        Files.newDirectoryStream(directory, "." + path.getFileName() + "*.tmp")) {
      for (Path temp : temps) {
        try {
          if (Files.getLastModifiedTime(temp).compareTo(cutoff) < 0) {
            Files.deleteIfExists(temp);
          }
        } catch (IOException e) {
          // Left for the next start; it holds no data that the file itself lacks.
        }
      }
    } catch (IOException e) {
      // An unreadable directory fails the load below with its own, clearer error.
    }
  }

  /**
   * Reads the file; a missing or empty file is an empty store.
   *
   * @throws ConnectorException CONFIGURATION_INVALID naming the file when it cannot be read or is
   *     not in the format above
   */
  Map<String, ModelData> load() {
    removeOrphanTemps();
    String text;
    try {
      text = Files.readString(path);
    } catch (NoSuchFileException e) {
      return new LinkedHashMap<>();
    } catch (IOException e) {
      throw invalid("cannot be read: " + e, e);
    }
    if (text.isBlank()) {
      return new LinkedHashMap<>();
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid("is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw invalid("must hold a JSON object with \"ids\" and \"models\"", null);
    }
    JsonNode ids = root.path("ids");
    JsonNode models = root.path("models");
    if (!ids.isMissingNode() && !ids.isNull() && !ids.isObject()) {
      throw invalid("\"ids\" must be an object", null);
    }
    if (!models.isMissingNode() && !models.isNull() && !models.isObject()) {
      throw invalid("\"models\" must be an object", null);
    }
    Map<String, ModelData> content = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> model = it.next();
      if (!model.getValue().isObject()) {
        throw invalid("\"models\"." + model.getKey() + " must be an object", null);
      }
      LinkedHashMap<String, String> rows = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> r = model.getValue().fields(); r.hasNext(); ) {
        Map.Entry<String, JsonNode> row = r.next();
        String json = row.getValue().isTextual() ? row.getValue().asText() : null;
        if (json == null || !isJsonObject(json)) {
          throw invalid(
              "row " + model.getKey() + "[" + row.getKey() + "] is not a JSON object string", null);
        }
        rows.put(row.getKey(), json);
      }
      content.put(model.getKey(), new ModelData(nextId(ids.path(model.getKey())), rows));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = ids.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> id = it.next();
      content.putIfAbsent(id.getKey(), new ModelData(nextId(id.getValue()), new LinkedHashMap<>()));
    }
    return content;
  }

  private long nextId(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return 0;
    }
    if (node.canConvertToExactIntegral() && node.canConvertToLong()) {
      return node.asLong();
    }
    if (node.isTextual()) {
      try {
        return Long.parseLong(node.asText());
      } catch (NumberFormatException e) {
        // refused below
      }
    }
    throw invalid("\"ids\" must hold integers, got " + node, null);
  }

  private static boolean isJsonObject(String json) {
    try {
      return JSON.readTree(json).isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * Writes the whole store: to a temporary file in the same directory, forced to disk, then moved
   * over the file atomically, so that a crash never leaves a half-written file.
   *
   * @throws ConnectorException BACKEND_ERROR when the file cannot be written
   */
  void write(Map<String, ModelData> content) {
    ObjectNode root = PRETTY.createObjectNode();
    ObjectNode ids = root.putObject("ids");
    ObjectNode models = root.putObject("models");
    content.forEach(
        (model, data) -> {
          ids.put(model, data.nextId());
          ObjectNode rows = models.putObject(model);
          data.rows().forEach(rows::put);
        });
    Path directory = path.getParent();
    Path temp = null;
    try {
      Files.createDirectories(directory);
      temp = Files.createTempFile(directory, "." + path.getFileName(), ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        PRETTY.writeValue(new NonClosing(out), root);
        channel.force(true);
      }
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + path + " cannot replace files atomically", e);
      }
      temp = null;
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.BACKEND_ERROR, "cannot write memory file " + path + ": " + e, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the write already failed; that error is the one to report
        }
      }
    }
  }

  /** A row as the file's JSON text. */
  static String encode(Map<String, Object> row) {
    return encodeValue(row);
  }

  /** A value as JSON text, dates and buffers in the file's form. */
  static String encodeValue(Object value) {
    try {
      return JSON.writeValueAsString(toJson(value));
    } catch (JsonProcessingException e) {
      throw new ConnectorException(ErrorCode.BACKEND_ERROR, "cannot encode a value: " + e, e);
    }
  }

  /**
   * A row from the file, coerced by the model's property types.
   *
   * @throws ConnectorException CONFIGURATION_INVALID naming the file, model, row and property
   */
  Map<String, Object> decode(ModelDefinition model, String key, String json) {
    Map<String, Object> raw;
    try {
      raw = JSON.readValue(json, ROW);
    } catch (JsonProcessingException e) {
      throw invalid("row " + model.name() + "[" + key + "] is not valid JSON", e);
    }
    Map<String, Object> row = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : raw.entrySet()) {
      PropertyDefinition property = model.properties().get(entry.getKey());
      try {
        row.put(
            entry.getKey(),
            property == null
                ? Values.normalize(entry.getValue())
                : coerce(entry.getValue(), property.type()));
      } catch (IllegalArgumentException e) {
        throw invalid(
            "row "
                + model.name()
                + "["
                + key
                + "] property "
                + entry.getKey()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return row;
  }

  private static @Nullable Object coerce(@Nullable Object value, PropertyType type) {
    // Node's JSON.stringify of a Buffer, as LoopBack writes it: {"type":"Buffer","data":[1,2]}.
    if (type.kind() == PropertyType.Kind.BUFFER
        && value instanceof Map<?, ?> map
        && "Buffer".equals(map.get("type"))
        && map.get("data") instanceof List<?> data) {
      byte[] bytes = new byte[data.size()];
      for (int i = 0; i < bytes.length; i++) {
        if (!(data.get(i) instanceof Number n)) {
          throw new IllegalArgumentException("buffer data must hold numbers");
        }
        bytes[i] = (byte) n.intValue();
      }
      return bytes;
    }
    return Values.coerce(value, type);
  }

  private static Object toJson(Object value) {
    if (value instanceof Instant instant) {
      return Values.formatDate(instant);
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> json = new LinkedHashMap<>();
      map.forEach((k, v) -> json.put(String.valueOf(k), toJson(v)));
      return json;
    }
    if (value instanceof List<?> list) {
      List<Object> json = new ArrayList<>(list.size());
      list.forEach(item -> json.add(toJson(item)));
      return json;
    }
    return value;
  }

  private ConnectorException invalid(String problem, @Nullable Throwable cause) {
    return new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID,
        "memory file " + path + " " + problem,
        Map.of("file", path.toString()),
        cause);
  }

  /** Keeps Jackson from closing the channel before it is forced. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
