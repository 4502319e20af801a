package io.redlocklab.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FaultTypeTest {

  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z-]+)` \\| ((?:[^|\\\\]|\\\\.)*) \\|");
  private static final Pattern CODE = Pattern.compile("`([a-z_]+)`");

  @Test
  void docsFaultsMdListsEveryTypeWithItsKeysInOrder() throws Exception {
    Map<String, List<String>> documented = new LinkedHashMap<>();
    boolean inTypeTable = false;
    for (String line : Files.readAllLines(Path.of("docs/FAULTS.md"))) {
      if (line.startsWith("| type | extra keys |")) {
        inTypeTable = true;
      } else if (inTypeTable && !line.startsWith("|")) {
        break;
      }
      Matcher row = ROW.matcher(line);
      if (inTypeTable && row.find()) {
        List<String> words = new ArrayList<>();
        CODE.matcher(row.group(2)).results().forEach(m -> words.add(m.group(1)));
        documented.put(row.group(1), words);
      }
    }

    assertThat(documented.keySet()).containsExactlyElementsOf(FaultType.ids());
    for (FaultType type : FaultType.values()) {
      assertThat(documented.get(type.id())).as(type.id()).containsAll(type.keys());
    }
  }

  @Test
  void aPartitionNeedsNodesUnlessItGivesViews() {
    assertThat(FaultType.PARTITION.missingKey(Set.of("clients"))).contains("nodes");
    assertThat(FaultType.PARTITION.missingKey(Set.of("sees"))).isEmpty();
    assertThat(FaultType.LATENCY.missingKey(Set.of("nodes"))).contains("latency_ms");
    assertThat(FaultType.CLIENT_CLOCK.missingKey(Set.of("rate"))).isEmpty();
  }

  @Test
  void onlyCrashAndFailoversMayLastZeroAndOnlyFailoversAreOnce() {
    assertThat(FaultType.values())
        .filteredOn(FaultType::allowsZeroDuration)
        .containsExactly(FaultType.CRASH_NODE, FaultType.FAILOVER, FaultType.SENTINEL_FAILOVER);
    assertThat(FaultType.values())
        .filteredOn(type -> !type.canRepeat())
        .containsExactly(FaultType.FAILOVER, FaultType.SENTINEL_FAILOVER);
    assertThat(FaultType.values())
        .filteredOn(FaultType::needsReplicas)
        .containsExactly(FaultType.FAILOVER, FaultType.CUT_REPLICATION, FaultType.REPLICA_LAG);
    assertThat(FaultType.values())
        .filteredOn(FaultType::needsSentinel)
        .containsExactly(FaultType.SENTINEL_FAILOVER);
  }
}
