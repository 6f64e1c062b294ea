import { ENV } from './env-names.ts';

/** Reads a required setting once at start-up; a missing one is a deployment fault, reported by name. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`missing environment variable ${name}`);
  return value;
}

export const tableName = (): string => requiredEnv(ENV.tableName);
export const eventBusName = (): string => requiredEnv(ENV.eventBusName);
export const bucketName = (): string => requiredEnv(ENV.bucketName);
export const apiUrl = (): string => requiredEnv(ENV.apiUrl);
