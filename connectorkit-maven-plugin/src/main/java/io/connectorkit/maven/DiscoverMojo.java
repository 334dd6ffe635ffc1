package io.connectorkit.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.codegen.ModelSetDiscovery;
import io.connectorkit.codegen.RecordGenerator;
import io.connectorkit.core.ConnectorRegistry;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.model.ModelDefinition;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Goal {@code discover}: at build time, discovers a datasource's model set ({@link
 * ModelSetDiscovery}: tables, views, relations) and writes its model JSON and a Java record per
 * model ({@link RecordGenerator}) into generated sources, so that the records follow the schema as
 * jOOQ's generated classes do. The connector comes from the plugin's own dependencies (add {@code
 * connector-mysql}, {@code connector-postgresql} … there).
 */
@Mojo(name = "discover", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class DiscoverMojo extends AbstractMojo {
  /** The datasource JSON file (LoopBack's {@code datasources.json}; {@code ${VAR}} substituted). */
  @Parameter(property = "connectorkit.datasource", required = true)
  private File datasource;

  /** The datasource's name in the file; needed when it defines more than one. */
  @Parameter(property = "connectorkit.datasourceName")
  private String datasourceName;

  /** The package of the generated records. */
  @Parameter(property = "connectorkit.packageName", required = true)
  private String packageName;

  /** Where the records go; added to the compile source roots. */
  @Parameter(defaultValue = "${project.build.directory}/generated-sources/connectorkit")
  private File outputDirectory;

  /** Where the model JSON files go ({@code <Model>.json}); added to the resources. */
  @Parameter(defaultValue = "${project.build.directory}/generated-resources/connectorkit")
  private File modelDirectory;

  /** The tables to discover; empty for every table and view. */
  @Parameter private List<String> tables = new ArrayList<>();

  /** The schema to read; default the datasource's own. */
  @Parameter(property = "connectorkit.owner")
  private String owner;

  /** Keep table and column names instead of LoopBack's PascalCase and camelCase. */
  @Parameter(property = "connectorkit.keepNames", defaultValue = "false")
  private boolean keepNames;

  /** Skips the goal. */
  @Parameter(property = "connectorkit.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("connectorkit:discover skipped");
      return;
    }
    if (!RecordGenerator.isPackageName(packageName)) {
      throw new MojoExecutionException("packageName: not a Java package name: " + packageName);
    }
    Map<String, Object> options = new LinkedHashMap<>();
    if (owner != null) {
      options.put("owner", owner);
    }
    if (keepNames) {
      options.put("keepNames", true);
    }
    // The connectors are the plugin's dependencies: look them up in its own class realm.
    ConnectorRegistry registry = ConnectorRegistry.load(DiscoverMojo.class.getClassLoader());
    try (DataSource dataSource =
        DataSources.load(datasource.toPath(), datasourceName, registry, System::getenv)) {
      List<Map<String, Object>> models = ModelSetDiscovery.discover(dataSource, options, tables);
      Path modelDir = modelDirectory.toPath();
      Files.createDirectories(modelDir);
      ObjectMapper json = new ObjectMapper();
      List<ModelDefinition> definitions = new ArrayList<>();
      for (Map<String, Object> model : models) {
        String name = String.valueOf(model.get("name"));
        json.writerWithDefaultPrettyPrinter()
            .writeValue(modelDir.resolve(fileName(name) + ".json").toFile(), model);
        definitions.add(ModelDefinition.fromMap(model));
      }
      List<Path> written =
          RecordGenerator.write(definitions, packageName, outputDirectory.toPath());
      getLog()
          .info(
              "connectorkit:discover: "
                  + models.size()
                  + " models from "
                  + datasource
                  + ", "
                  + written.size()
                  + " records in "
                  + outputDirectory);
    } catch (ConnectorException e) {
      throw new MojoExecutionException(
          "connectorkit:discover: " + e.code() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("connectorkit:discover: cannot write: " + e.getMessage(), e);
    }
    project.addCompileSourceRoot(outputDirectory.getPath());
    org.apache.maven.model.Resource resource = new org.apache.maven.model.Resource();
    resource.setDirectory(modelDirectory.getPath());
    resource.setTargetPath("connectorkit-models");
    project.addResource(resource);
  }

  /**
   * Letters, digits, {@code _}, {@code -} and inner dots of a model name; others become {@code _}.
   */
  private static String fileName(String modelName) {
    String name = modelName.replaceAll("[^\\p{L}\\p{N}_.-]", "_");
    return name.isEmpty() || name.startsWith(".") ? "_" + name : name;
  }
}
