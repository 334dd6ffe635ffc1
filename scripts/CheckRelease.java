import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a staged release (a folder laid out as a Maven repository, as written by {@code deploy
 * -DaltDeploymentRepository=staging::file:./target/staging}) against Maven Central's published
 * requirements, and prints every problem, naming the artifact and what is missing.
 *
 * <p>Run by scripts/check-release.sh with the JDK's single-file launcher, so it needs nothing but
 * the JDK. Usage: {@code java scripts/CheckRelease.java STAGING_DIR [--signed]}. Exit status 0 when
 * the folder is valid, 1 when it is not, 2 on a usage error.
 */
public final class CheckRelease {
  private static final String GROUP = "io.connectorkit";
  private static final String BOM = "connector-bom";
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  /** One staged artifact: a groupId/artifactId/version folder. */
  record Staged(String groupId, String artifactId, String version, Path dir, String fileVersion) {
    String name() {
      return groupId + ":" + artifactId + ":" + version;
    }

    String base() {
      return artifactId + "-" + fileVersion;
    }
  }

  /** The parts of a POM this check reads, properties and parent merged in. */
  record Model(
      Staged staged,
      Element root,
      Optional<Model> parent,
      Map<String, String> properties,
      String packaging) {

    /** The text at a path of child elements here or, if absent, in the nearest parent. */
    Optional<String> text(String... path) {
      Optional<Element> here = child(root, path);
      if (here.isPresent()) {
        return Optional.of(here.get().getTextContent().trim()).filter(t -> !t.isEmpty());
      }
      return parent.flatMap(p -> p.text(path));
    }

    /** The element at a path here or, if absent, in the nearest parent. */
    Optional<Element> element(String... path) {
      Optional<Element> here = child(root, path);
      return here.isPresent() ? here : parent.flatMap(p -> p.element(path));
    }

    String resolve(String value) {
      String result = value;
      for (int i = 0; i < 10 && result.contains("${"); i++) {
        Matcher m = PROPERTY.matcher(result);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
          String key = m.group(1);
          String replacement =
              switch (key) {
                case "project.version", "version" -> staged.version();
                case "project.groupId" -> staged.groupId();
                case "project.artifactId" -> staged.artifactId();
                default -> properties.getOrDefault(key, m.group());
              };
          m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        result = out.toString();
      }
      return result;
    }
  }

  private final Path staging;
  private final boolean signed;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Staged> stagedByKey = new TreeMap<>();
  private final Map<String, Model> models = new HashMap<>();

  private CheckRelease(Path staging, boolean signed) {
    this.staging = staging;
    this.signed = signed;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--signed"))) {
      System.err.println("usage: check-release.sh STAGING_DIR [--signed]");
      System.exit(2);
    }
    Path staging = Path.of(args[0]);
    if (!Files.isDirectory(staging)) {
      System.err.println("check-release: FAILED: no staging folder at " + staging);
      System.exit(1);
    }
    CheckRelease check = new CheckRelease(staging, args.length == 2);
    check.run();
    if (!check.problems.isEmpty()) {
      System.err.println("check-release: FAILED: " + check.problems.size() + " problem(s) in " + staging);
      check.problems.forEach(p -> System.err.println("  - " + p));
      System.exit(1);
    }
    System.err.println(
        "check-release: ok: "
            + check.stagedByKey.size()
            + " artifacts in "
            + staging
            + (check.signed ? " (signed)" : " (unsigned)"));
  }

  private void run() throws Exception {
    findArtifacts();
    if (stagedByKey.isEmpty()) {
      problems.add("no artifact staged (no *.pom under " + staging + ")");
      return;
    }
    // Signatures are required when asked for, and when any file is signed (then all must be).
    boolean anySignature;
    try (Stream<Path> files = Files.walk(staging)) {
      anySignature = files.anyMatch(f -> f.toString().endsWith(".asc"));
    }
    boolean requireSignatures = signed || anySignature;
    for (Staged staged : stagedByKey.values()) {
      Model model = model(staged);
      checkFiles(staged, model.packaging(), requireSignatures);
      checkPom(model);
    }
    checkBom();
  }

  private void findArtifacts() throws IOException {
    try (Stream<Path> files = Files.walk(staging)) {
      for (Path pom : files.filter(f -> f.toString().endsWith(".pom")).sorted().toList()) {
        Path versionDir = pom.getParent();
        Path artifactDir = versionDir.getParent();
        String version = versionDir.getFileName().toString();
        String artifactId = artifactDir.getFileName().toString();
        String groupId =
            staging
                .relativize(artifactDir.getParent())
                .toString()
                .replace(versionDir.getFileSystem().getSeparator(), ".");
        String key = groupId + ":" + artifactId + ":" + version;
        if (stagedByKey.containsKey(key)) {
          continue;
        }
        stagedByKey.put(
            key,
            new Staged(groupId, artifactId, version, versionDir, fileVersion(versionDir, artifactId, version)));
      }
    }
  }

  /** The version in file names: a snapshot's latest timestamped build, else the version. */
  private static String fileVersion(Path dir, String artifactId, String version) throws IOException {
    if (!version.endsWith("-SNAPSHOT")) {
      return version;
    }
    String prefix = artifactId + "-" + version.substring(0, version.length() - "-SNAPSHOT".length()) + "-";
    Pattern timestamped = Pattern.compile(Pattern.quote(prefix) + "(\\d{8}\\.\\d{6})-(\\d+)\\.pom");
    String latest = null;
    int latestBuild = -1;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Matcher m = timestamped.matcher(f.getFileName().toString());
        if (m.matches() && Integer.parseInt(m.group(2)) > latestBuild) {
          latestBuild = Integer.parseInt(m.group(2));
          latest = prefix.substring(artifactId.length() + 1) + m.group(1) + "-" + m.group(2);
        }
      }
    }
    return latest != null ? latest : version;
  }

  private Model model(Staged staged) throws Exception {
    Model cached = models.get(staged.name());
    if (cached != null) {
      return cached;
    }
    Path pomFile = staged.dir().resolve(staged.base() + ".pom");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(pomFile.toFile());
    Element root = doc.getDocumentElement();
    Optional<Model> parent = Optional.empty();
    Optional<Element> parentRef = child(root, "parent");
    if (parentRef.isPresent()) {
      String key =
          text(parentRef.get(), "groupId") + ":" + text(parentRef.get(), "artifactId") + ":" + text(parentRef.get(), "version");
      Staged parentStaged = stagedByKey.get(key);
      if (parentStaged == null) {
        if (key.startsWith(GROUP + ":")) {
          problems.add(staged.name() + ": its parent " + key + " is not staged");
        }
      } else {
        parent = Optional.of(model(parentStaged));
      }
    }
    Map<String, String> properties = new HashMap<>(parent.map(Model::properties).orElse(Map.of()));
    child(root, "properties")
        .ifPresent(
            props -> {
              for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                  properties.put(e.getTagName(), e.getTextContent().trim());
                }
              }
            });
    String packaging = child(root, "packaging").map(e -> e.getTextContent().trim()).orElse("jar");
    Model model = new Model(staged, root, parent, properties, packaging);
    models.put(staged.name(), model);
    return model;
  }

  private void checkFiles(Staged staged, String packaging, boolean requireSignatures)
      throws IOException, NoSuchAlgorithmException {
    List<String> required = new ArrayList<>(List.of(staged.base() + ".pom"));
    if (packaging.equals("jar") || packaging.equals("maven-plugin")) {
      required.add(staged.base() + ".jar");
      required.add(staged.base() + "-sources.jar");
      required.add(staged.base() + "-javadoc.jar");
    }
    for (String name : required) {
      if (!Files.isRegularFile(staged.dir().resolve(name))) {
        problems.add(staged.name() + ": missing " + name);
      }
    }
    checkJarContent(staged, staged.base() + "-sources.jar", ".java");
    checkJarContent(staged, staged.base() + "-javadoc.jar", "index.html");
    try (Stream<Path> files = Files.list(staged.dir())) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!name.startsWith(staged.base()) || name.matches(".*\\.(md5|sha1|sha256|sha512|asc)$")) {
          continue;
        }
        checkChecksum(staged, file, "md5", "MD5");
        checkChecksum(staged, file, "sha1", "SHA-1");
        if (requireSignatures && !Files.isRegularFile(file.resolveSibling(name + ".asc"))) {
          problems.add(staged.name() + ": missing signature " + name + ".asc");
        }
      }
    }
  }

  private void checkJarContent(Staged staged, String name, String entrySuffix) throws IOException {
    Path jar = staged.dir().resolve(name);
    if (!Files.isRegularFile(jar)) {
      return;
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      if (zip.stream().noneMatch(e -> e.getName().endsWith(entrySuffix))) {
        problems.add(staged.name() + ": " + name + " has no " + entrySuffix + " entry");
      }
    } catch (IOException e) {
      problems.add(staged.name() + ": " + name + " is not a readable jar (" + e.getMessage() + ")");
    }
  }

  private void checkChecksum(Staged staged, Path file, String extension, String algorithm)
      throws IOException, NoSuchAlgorithmException {
    Path sum = file.resolveSibling(file.getFileName() + "." + extension);
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(sum)) {
      problems.add(staged.name() + ": missing checksum " + name + "." + extension);
      return;
    }
    String expected =
        HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
    String actual = Files.readString(sum, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
    if (!expected.equalsIgnoreCase(actual)) {
      problems.add(staged.name() + ": checksum " + name + "." + extension + " does not match the file");
    }
  }

  private void checkPom(Model model) {
    String name = model.staged().name();
    for (String element : List.of("name", "description", "url")) {
      if (model.text(element).isEmpty()) {
        problems.add(name + ": POM has no <" + element + ">");
      }
    }
    Optional<Element> licenses = model.element("licenses");
    if (licenses.isEmpty() || child(licenses.get(), "license").isEmpty()) {
      problems.add(name + ": POM has no <licenses> with a <license>");
    } else {
      for (String part : List.of("name", "url")) {
        if (child(licenses.get(), "license", part).isEmpty()) {
          problems.add(name + ": POM's <license> has no <" + part + ">");
        }
      }
    }
    Optional<Element> developers = model.element("developers");
    if (developers.isEmpty() || child(developers.get(), "developer").isEmpty()) {
      problems.add(name + ": POM has no <developers> with a <developer>");
    } else if (child(developers.get(), "developer", "name").isEmpty()) {
      problems.add(name + ": POM's <developer> has no <name>");
    }
    for (String part : List.of("url", "connection", "developerConnection")) {
      if (model.text("scm", part).isEmpty()) {
        problems.add(name + ": POM has no <scm><" + part + ">");
      }
    }
    boolean snapshotStaging = model.staged().version().endsWith("-SNAPSHOT");
    List<Element> dependencies = new ArrayList<>();
    collect(model.root(), dependencies, "dependencies", "dependency");
    collect(model.root(), dependencies, "dependencyManagement", "dependencies", "dependency");
    for (Element dependency : dependencies) {
      String version = child(dependency, "version").map(e -> model.resolve(e.getTextContent().trim())).orElse("");
      String coordinates = text(dependency, "groupId") + ":" + text(dependency, "artifactId") + ":" + version;
      if (!version.contains("SNAPSHOT")) {
        continue;
      }
      // A snapshot staging (CI builds one) may depend on its own snapshot modules, nothing else.
      boolean ownModule =
          snapshotStaging
              && model.resolve(text(dependency, "groupId")).equals(GROUP)
              && version.equals(model.staged().version());
      if (!ownModule) {
        problems.add(name + ": SNAPSHOT dependency " + coordinates);
      }
    }
    if (!snapshotStaging) {
      model
          .text("parent", "version")
          .filter(v -> v.contains("SNAPSHOT"))
          .ifPresent(v -> problems.add(name + ": SNAPSHOT parent version " + v));
    }
  }

  private void checkBom() throws Exception {
    Staged bom =
        stagedByKey.values().stream().filter(s -> s.artifactId().equals(BOM)).findFirst().orElse(null);
    if (bom == null) {
      problems.add("no " + GROUP + ":" + BOM + " staged");
      return;
    }
    Model model = model(bom);
    List<Element> managed = new ArrayList<>();
    collect(model.root(), managed, "dependencyManagement", "dependencies", "dependency");
    TreeSet<String> listed = new TreeSet<>();
    for (Element dependency : managed) {
      String groupId = model.resolve(text(dependency, "groupId"));
      if (!groupId.equals(GROUP)) {
        continue;
      }
      String version = child(dependency, "version").map(e -> model.resolve(e.getTextContent().trim())).orElse("");
      if (!version.equals(bom.version())) {
        problems.add(bom.name() + ": lists " + text(dependency, "artifactId") + " at " + version + ", not " + bom.version());
      }
      listed.add(text(dependency, "artifactId"));
    }
    TreeSet<String> published = new TreeSet<>();
    for (Staged staged : stagedByKey.values()) {
      String packaging = model(staged).packaging();
      if (staged.groupId().equals(GROUP)
          && (packaging.equals("jar") || packaging.equals("maven-plugin"))) {
        published.add(staged.artifactId());
      }
    }
    for (String artifactId : published) {
      if (!listed.contains(artifactId)) {
        problems.add(bom.name() + ": does not list the staged artifact " + artifactId);
      }
    }
    for (String artifactId : listed) {
      if (!published.contains(artifactId)) {
        problems.add(bom.name() + ": lists " + artifactId + ", which is not staged");
      }
    }
  }

  private static void collect(Element root, List<Element> out, String... path) {
    Optional<Element> container = child(root, java.util.Arrays.copyOf(path, path.length - 1));
    container.ifPresent(
        c -> {
          for (Node n = c.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(path[path.length - 1])) {
              out.add(e);
            }
          }
        });
  }

  private static Optional<Element> child(Element element, String... path) {
    Element current = element;
    for (String name : path) {
      Element next = null;
      for (Node n = current.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && e.getTagName().equals(name)) {
          next = e;
          break;
        }
      }
      if (next == null) {
        return Optional.empty();
      }
      current = next;
    }
    return Optional.of(current);
  }

  private static String text(Element element, String name) {
    return child(element, name).map(e -> e.getTextContent().trim()).orElse("");
  }
}
