package io.redlocklab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The CI-matrix example in docs/ci/ stays in step with the CLI: it parses as a workflow, its matrix
 * has one entry per shard, and every {@code scripts/lab} command and flag it uses exists.
 */
class ShardedWorkflowTest {

  private static final Path WORKFLOW = Path.of("docs", "ci", "sharded-suite.yml");
  private static final Pattern LAB = Pattern.compile("scripts/lab\\s+([^\\n|;&]*)");

  @Test
  @SuppressWarnings("unchecked")
  void everyLabCommandAndFlagOfTheWorkflowExists() throws Exception {
    Map<String, Object> workflow = new Yaml().load(Files.readString(WORKFLOW));
    Map<String, Object> jobs = (Map<String, Object>) workflow.get("jobs");
    assertThat(jobs).containsKeys("shard", "merge");
    Map<String, Object> merge = (Map<String, Object>) jobs.get("merge");
    assertThat(merge.get("needs")).isEqualTo("shard");

    int shards = Integer.parseInt(((Map<String, Object>) workflow.get("env")).get("SHARDS") + "");
    Map<String, Object> strategy =
        (Map<String, Object>) ((Map<String, Object>) jobs.get("shard")).get("strategy");
    List<Object> matrix =
        (List<Object>) ((Map<String, Object>) strategy.get("matrix")).get("shard");
    assertThat(matrix).hasSize(shards);
    for (int i = 0; i < shards; i++) {
      assertThat(matrix.get(i)).isEqualTo(i + 1);
    }

    CommandLine cli =
        new RedlockLab(
                () -> null,
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()),
                false)
            .commandLine();
    List<String> used = new ArrayList<>();
    for (Object job : jobs.values()) {
      for (Object step : (List<Object>) ((Map<String, Object>) job).get("steps")) {
        Object run = ((Map<String, Object>) step).get("run");
        if (run == null) {
          continue;
        }
        // ${{ ... }} expressions may hold '||'; they stand for one value
        Matcher m = LAB.matcher(run.toString().replaceAll("\\$\\{\\{[^}]*}}", "EXPR"));
        while (m.find()) {
          String[] words = m.group(1).trim().split("\\s+");
          CommandLine sub = cli.getSubcommands().get(words[0]);
          assertThat(sub).as("scripts/lab " + words[0]).isNotNull();
          for (String word : words) {
            if (word.startsWith("--")) {
              String flag = word.split("=", 2)[0];
              assertThat(sub.getCommandSpec().findOption(flag))
                  .as("scripts/lab " + words[0] + " " + flag)
                  .isNotNull();
              used.add(words[0] + " " + flag);
            }
          }
        }
      }
    }
    assertThat(used).contains("run --shard", "run --trials", "run --out", "merge --out");
  }
}
