// A database as an older desk left it, for the upgrade tests: every schema up to `version` declared,
// as the desks of that version shipped them. A test fills it with rows of that version, closes it and
// opens it again as today's OrderlineDb, which runs the upgrades from there (migrations/).
import Dexie from 'dexie';
import {
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
  SCHEMA_V6_CHANGES,
  SCHEMA_V11_CHANGES,
  SCHEMA_V12_CHANGES,
  SCHEMA_V13_CHANGES,
  SCHEMA_V14_CHANGES,
  SCHEMA_V15_CHANGES,
  SCHEMA_V20_CHANGES,
} from './database';

/** Every version the desk has declared, with its schema (or the tables it changed), oldest first. */
export const SCHEMA_HISTORY: readonly (readonly [number, Record<string, string>])[] = [
  [1, SCHEMA_V1],
  [2, SCHEMA_V2],
  [3, SCHEMA_V3],
  [4, SCHEMA_V4],
  [5, SCHEMA_V5],
  [6, SCHEMA_V6_CHANGES],
  [11, SCHEMA_V11_CHANGES],
  [12, SCHEMA_V12_CHANGES],
  [13, SCHEMA_V13_CHANGES],
  [14, SCHEMA_V14_CHANGES],
  [15, SCHEMA_V15_CHANGES],
  [20, SCHEMA_V20_CHANGES],
];

/** A plain Dexie database named `name` at schema `version` (one the desk declared). */
export function olderDatabase(name: string, version: number): Dexie {
  if (!SCHEMA_HISTORY.some(([v]) => v === version))
    throw new Error(`No schema version ${version} was declared`);
  const db = new Dexie(name);
  for (const [v, schema] of SCHEMA_HISTORY) if (v <= version) db.version(v).stores(schema);
  return db;
}
