export { buildApp, type App, type BuildOptions } from './app.js';
export { loadConfig, ConfigError, type Config } from './config/load-config.js';
