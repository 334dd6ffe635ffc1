/**
 * Whole-schema discovery and Java record generation, shared by the CLI's {@code discover} and the
 * Maven plugin.
 */
module io.connectorkit.codegen {
  requires transitive io.connectorkit.core;
  requires com.palantir.javapoet;
  requires java.compiler;

  exports io.connectorkit.codegen;
}
