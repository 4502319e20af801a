package io.redlocklab.harness.cli;

import io.redlocklab.harness.Errors;
import io.redlocklab.harness.InputException;
import io.redlocklab.harness.report.ReportWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pre-flight of a command's output paths: each is created (directories) and written to once
 * before anything starts, so that an unwritable {@code --out} is a one-line error (exit 2) rather
 * than a failure after the first cell's servers started.
 */
final class OutputPaths {

  private OutputPaths() {}

  /** {@code dir} exists (created if need be) and a file can be written in it. */
  static void directory(String flag, Path dir) {
    try {
      Files.createDirectories(dir);
      Files.delete(Files.createTempFile(dir, ".write-check", ".tmp"));
    } catch (IOException | SecurityException e) {
      throw new InputException(
          flag
              + " "
              + Errors.printable(dir.toString(), 200)
              + ": cannot write ("
              + reason(e)
              + "); expected a writable directory");
    }
  }

  /** {@code file} is not a directory and its directory is writable. */
  static void file(String flag, Path file) {
    if (Files.isDirectory(file)) {
      throw new InputException(
          flag
              + " "
              + Errors.printable(file.toString(), 200)
              + ": cannot write (it is a directory); expected a writable file path");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      directory(flag, parent);
    }
  }

  /** A REPORT.md path and the {@code report/} directory beside it. */
  static void report(String flag, Path reportFile) {
    file(flag, reportFile);
    directory(flag, ReportWriter.rawDir(reportFile));
  }

  private static String reason(Exception e) {
    if (e instanceof FileAlreadyExistsException exists) {
      return exists.getFile() + " is not a directory";
    }
    if (e instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getFile() == null ? fs.getReason() : fs.getFile() + ": " + fs.getReason();
    }
    return Errors.oneLine(e);
  }
}
