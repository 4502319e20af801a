package io.redlocklab.harness.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads a JSON Lines history written by {@link JsonlHistoryWriter} (plain or {@code .gz}). */
public final class JsonlHistory {

  private JsonlHistory() {}

  /**
   * Every record, in file order. A line that is not a history record is an {@link InputException}
   * naming {@code file:line}; blank lines are skipped.
   */
  public static List<HistoryRecord> read(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<HistoryRecord> records = new ArrayList<>();
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          records.add(HistoryJson.READER.readValue(line));
        } catch (JsonProcessingException e) {
          throw new InputException(
              file
                  + ":"
                  + number
                  + ": not a history record ("
                  + e.getOriginalMessage()
                  + "); expected one JSON object per line");
        }
      }
      return records;
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such history file");
    } catch (IOException e) {
      throw new HarnessException("cannot read history " + file + ": " + e.getMessage(), e);
    }
  }
}
