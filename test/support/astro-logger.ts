export type Level = 'info' | 'warn' | 'error' | 'debug';

export interface Logged {
  level: Level;
  message: string;
}

/** A stand-in for Astro's integration logger that records every message. */
export function fakeLogger() {
  const messages: Logged[] = [];
  const logger = {
    label: '@linkworthy/astro',
    options: {},
    info: (message: string) => messages.push({ level: 'info', message }),
    warn: (message: string) => messages.push({ level: 'warn', message }),
    error: (message: string) => messages.push({ level: 'error', message }),
    debug: (message: string) => messages.push({ level: 'debug', message }),
    fork: () => logger,
    flush: () => undefined,
    close: () => undefined,
  };
  return { logger, messages };
}
