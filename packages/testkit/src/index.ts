export { launchBrowser, chromiumPath, CHROMIUM_ARGS } from './browser.js';
export { freePort } from './ports.js';
export { startRedisServer, type RedisServerHandle } from './redis.js';
export { startRedisCluster, type RedisClusterHandle } from './redis-cluster.js';
