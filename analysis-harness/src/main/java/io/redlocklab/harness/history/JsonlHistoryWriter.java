package io.redlocklab.harness.history;

import io.redlocklab.harness.HarnessException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a history as JSON Lines: one {@link HistoryRecord} per line, in append order. Thread-safe;
 * buffered; {@link #close()} flushes. A name ending in {@code .gz} is gzipped.
 */
public final class JsonlHistoryWriter implements HistorySink, AutoCloseable {

  private final Path file;
  private final Writer out;
  private long lines;
  private boolean closed;

  private JsonlHistoryWriter(Path file, Writer out) {
    this.file = file;
    this.out = out;
  }

  /** Creates (or truncates) {@code file}, creating its directory when needed. */
  public static JsonlHistoryWriter open(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      OutputStream stream = Files.newOutputStream(file);
      if (file.getFileName().toString().endsWith(".gz")) {
        stream = new GZIPOutputStream(stream, 1 << 16);
      }
      return new JsonlHistoryWriter(
          file,
          new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16));
    } catch (IOException e) {
      throw new HarnessException("cannot write history " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void append(HistoryRecord record) {
    if (closed) {
      throw new HarnessException("history " + file + " is closed");
    }
    try {
      out.write(HistoryJson.WRITER.writeValueAsString(record));
      out.write('\n');
      lines++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to history " + file, e);
    }
  }

  /** Lines written so far. */
  public synchronized long lines() {
    return lines;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close history " + file, e);
    }
  }
}
