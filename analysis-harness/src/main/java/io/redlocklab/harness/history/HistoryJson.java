package io.redlocklab.harness.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

/** The one JSON shape of a history line: record components by name, nulls and empties left out. */
final class HistoryJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setDefaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY))
          .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  static final ObjectWriter WRITER = MAPPER.writerFor(HistoryRecord.class);
  static final ObjectReader READER = MAPPER.readerFor(HistoryRecord.class);

  private HistoryJson() {}
}
