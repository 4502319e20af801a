package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresServerIT {

  @BeforeEach
  void requireServers() {
    RequireServers.postgres();
  }

  @Test
  void servesThroughTheProxyRunsUnprivilegedRestartsAndLeavesNoProcess() throws Exception {
    PostgresServer server = PostgresServer.start();
    Path runDir = server.runDir();
    List<Long> pids = new ArrayList<>();
    try {
      assertThat(query(server.jdbcUrl(), "select 1")).isEqualTo("1");
      assertThat(query(server.jdbcUrl(), "select version()")).startsWith("PostgreSQL 15.");
      if (PostgresServer.isRoot()) {
        assertThat(ProcessHandle.of(server.pid()).flatMap(p -> p.info().user()))
            .contains(PostgresServer.SERVER_USER);
      }

      server.proxy().disable();
      assertThatThrownBy(() -> query(server.jdbcUrl() + "&connectTimeout=2", "select 1"))
          .isInstanceOf(SQLException.class);
      server.proxy().enable();

      try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
          Statement statement = connection.createStatement()) {
        statement.execute("create table t (v int)");
        statement.execute("insert into t values (7)");
        pids.addAll(server.processTree());
        server.kill();
        assertThat(server.isAlive()).isFalse();
        assertThatThrownBy(() -> statement.execute("select 1")).isInstanceOf(SQLException.class);
      }
      Processes.assertAllGone(pids);
      server.restart();
      assertThat(query(server.jdbcUrl(), "select v from t")).isEqualTo("7");
      pids.addAll(server.processTree());
    } finally {
      server.close();
    }
    Processes.assertAllGone(pids);
    assertThat(Processes.matching(runDir.toString())).isEmpty();
    assertThat(runDir).doesNotExist();
  }

  private static String query(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      assertThat(result.next()).isTrue();
      return result.getString(1);
    }
  }
}
