package io.connectorkit.core.spi;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Describes SQL statements for {@link Connector#describe(Object)}. Stateless. */
final class NativeCalls {
  // A possibly schema-qualified name, each part bare or quoted the SQL, MySQL or SQL Server way.
  private static final String PART = "(?:\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]|[\\w$]+)";
  private static final Pattern TARGET =
      Pattern.compile(
          "(?i)\\b(?:FROM|INTO|UPDATE|TABLE|ON)\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?("
              + PART
              + "(?:\\s*\\.\\s*"
              + PART
              + ")*)");
  private static final Pattern PART_PATTERN = Pattern.compile(PART);
  private static final Pattern VERB = Pattern.compile("^\\s*(\\w+)");

  private NativeCalls() {}

  /** The verb (first keyword, upper case) and the first table the statement names. */
  static NativeCall ofSql(String sql, List<Object> params) {
    Matcher verb = VERB.matcher(sql);
    String operation = verb.find() ? verb.group(1).toUpperCase(Locale.ROOT) : "SQL";
    Matcher target = TARGET.matcher(sql);
    String table = null;
    while (target.find()) {
      String name = target.group(1);
      // "ON" also starts join conditions; only CREATE INDEX … ON <table> names a table with it.
      if (target.group().regionMatches(true, 0, "ON", 0, 2) && !operation.equals("CREATE")) {
        continue;
      }
      table = unquote(name);
      break;
    }
    return new NativeCall(operation, table, sql, params);
  }

  private static String unquote(String qualified) {
    StringBuilder out = new StringBuilder();
    Matcher part = PART_PATTERN.matcher(qualified);
    while (part.find()) {
      String p = part.group();
      if (out.length() > 0) {
        out.append('.');
      }
      boolean quoted = p.length() >= 2 && "\"`[".indexOf(p.charAt(0)) >= 0;
      out.append(quoted ? p.substring(1, p.length() - 1) : p);
    }
    return out.toString();
  }
}
