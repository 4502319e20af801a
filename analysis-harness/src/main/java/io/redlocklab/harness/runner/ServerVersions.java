package io.redlocklab.harness.runner;

import io.redlocklab.testkit.ServerBinaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The versions of the server binaries, for the report's environment section. */
final class ServerVersions {

  private static final Pattern TOXIPROXY_MODULE =
      Pattern.compile("github\\.com/Shopify/toxiproxy/v2\\s+(v[0-9][0-9.]*)");

  private ServerVersions() {}

  static Map<String, String> read() {
    Map<String, String> versions = new LinkedHashMap<>();
    ServerBinaries.redisServer()
        .ifPresent(path -> versions.put("redis-server", firstLine(path.toString(), "--version")));
    ServerBinaries.toxiproxyServer()
        .ifPresent(path -> versions.put("toxiproxy-server", moduleVersion(path)));
    ServerBinaries.zookeeperJar()
        .ifPresent(
            jar ->
                versions.put(
                    "zookeeper",
                    firstLine(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        jar.toString(),
                        "org.apache.zookeeper.version.VersionInfoMain")));
    ServerBinaries.postgresBinDir()
        .ifPresent(
            dir -> versions.put("postgres", firstLine(dir.resolve("postgres").toString(), "-V")));
    ServerBinaries.etcd()
        .ifPresent(path -> versions.put("etcd", firstLine(path.toString(), "--version")));
    return versions;
  }

  /**
   * A go-installed binary says "git" for -version; its embedded build info names the module
   * version.
   */
  private static String moduleVersion(Path binary) {
    try {
      String bytes = new String(Files.readAllBytes(binary), StandardCharsets.ISO_8859_1);
      Matcher matcher = TOXIPROXY_MODULE.matcher(bytes);
      return matcher.find() ? matcher.group(1) : firstLine(binary.toString(), "-version");
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static String firstLine(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(5, TimeUnit.SECONDS);
      return output.lines().findFirst().orElse("?").strip();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
