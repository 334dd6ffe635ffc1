package io.connectorkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles generated sources as strictly as a build would: every lint warning is an error. */
final class RecordCompiler {
  private RecordCompiler() {}

  /** Compiles the files against the test class path and loads them in a new class loader. */
  static ClassLoader compile(List<Path> sources) throws Exception {
    Path classes = Files.createTempDirectory("ck-records");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler).as("a JDK, not a JRE, runs the tests").isNotNull();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      boolean ok =
          compiler
              .getTask(
                  null,
                  files,
                  diagnostics,
                  List.of(
                      "-d",
                      classes.toString(),
                      "-classpath",
                      System.getProperty("java.class.path"),
                      "-Xlint:all",
                      "-Werror",
                      "-Xdoclint:all,-missing"),
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      assertThat(ok).as("compiles without warnings: %s", diagnostics.getDiagnostics()).isTrue();
    }
    return new URLClassLoader(
        new URL[] {classes.toUri().toURL()}, RecordCompiler.class.getClassLoader());
  }
}
