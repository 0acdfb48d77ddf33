import { GIVEN_REDIS_URL, hasRedisServer, HOW_TO_RUN_REDIS_TESTS, IN_CI } from "./redis.js";

/**
 * Says, in one line, which tests will be skipped for want of Redis, and how
 * to run them. In CI nothing may be skipped: the run stops here instead.
 */
export default function checkRedis(): void {
  if (hasRedisServer()) return;
  const skipped =
    GIVEN_REDIS_URL === undefined
      ? "the tests that need Redis are skipped"
      : "the tests that freeze, fill or stop Redis are skipped (they need a redis-server of their own)";
  if (IN_CI) throw new Error(`CI runs every test, but there is no redis-server on the PATH: ${HOW_TO_RUN_REDIS_TESTS}`);
  console.warn(`No redis-server on the PATH: ${skipped}. To run them: ${HOW_TO_RUN_REDIS_TESTS}.`);
}
