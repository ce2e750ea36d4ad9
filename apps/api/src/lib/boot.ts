import { ConfigError, loadConfig, type Config } from '../config/load-config.js';

/** Loads the configuration or prints every problem and exits: a bad environment never half-starts the app. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its meaning.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

export function supervisorPid(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = Number(env.MERCATO_SUPERVISOR_PID);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}
