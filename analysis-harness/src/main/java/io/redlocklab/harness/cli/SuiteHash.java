package io.redlocklab.harness.cli;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.scenario.Suite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The version of a suite as run: SHA-256 over the bytes of the suite file and of each scenario
 * file, in suite order, each preceded by its file name (not its directory, so shards checked out in
 * different places agree).
 */
final class SuiteHash {

  private SuiteHash() {}

  static String of(Suite suite) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      add(digest, suite.file());
      for (Suite.Entry entry : suite.entries()) {
        if (!entry.scenario().file().equals(suite.file())) {
          add(digest, entry.scenario().file());
        }
      }
      return "sha256:" + HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new HarnessException("no SHA-256 in this JVM", e);
    }
  }

  private static void add(MessageDigest digest, Path file) {
    try {
      digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(Files.readAllBytes(file));
      digest.update((byte) 0);
    } catch (IOException e) {
      throw new HarnessException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
