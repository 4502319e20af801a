package io.redlocklab.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts {@link RedisNodes} once for the annotated test class, resets faults and data before each
 * test, and injects the nodes into constructors and test methods that declare a {@code RedisNodes}
 * parameter. See {@link RedisNodesExtension} for what happens when the servers are not installed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RedisNodesExtension.class)
public @interface WithRedisNodes {

  /** How many independent redis-servers. */
  int count() default 5;

  Persistence persistence() default Persistence.NONE;
}
