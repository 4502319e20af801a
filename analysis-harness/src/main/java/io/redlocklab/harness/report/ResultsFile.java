package io.redlocklab.harness.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code results.json}: the {@link RunResults} of a run, from which every report can be redrawn.
 */
public final class ResultsFile {

  public static final String NAME = "results.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .setDefaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));

  private ResultsFile() {}

  public static void write(Path file, RunResults results) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Files.writeString(file, MAPPER.writeValueAsString(results) + "\n");
    } catch (IOException e) {
      throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public static RunResults read(Path file) {
    try {
      return MAPPER.readValue(Files.readString(file), RunResults.class);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file; expected the " + NAME + " of a run");
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      throw new InputException(
          file
              + ":"
              + line
              + ": not a results file ("
              + e.getOriginalMessage().replaceAll("\\s+", " ")
              + "); expected the "
              + NAME
              + " of a run");
    } catch (IOException e) {
      throw new HarnessException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
