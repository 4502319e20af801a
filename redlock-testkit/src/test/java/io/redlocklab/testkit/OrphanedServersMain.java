package io.redlocklab.testkit;

import java.nio.file.Path;

/**
 * Child JVM for {@link RedisNodesLifecycleIT}: starts servers under the directory given as the only
 * argument, prints their pids, then waits to be killed.
 */
public final class OrphanedServersMain {

  public static void main(String[] args) throws InterruptedException {
    Path dir = Path.of(args[0]);
    RedisServerProcess redis =
        RedisServerProcess.start(RedisServerProcess.Options.defaults().dir(dir.resolve("redis")));
    ToxiproxyServerProcess toxiproxy = ToxiproxyServerProcess.start(dir.resolve("toxiproxy"));
    System.out.println(redis.pid());
    System.out.println(toxiproxy.pid());
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
