import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProfileModel } from '@shadowfleet/models';

/** What survives a restart: the model (centroids, scaler, vocabulary, names, ids) and who is where. */
export interface SavedProfiles {
  readonly model: ProfileModel;
  /** Profile id per user at the last rebuild. */
  readonly assignments: ReadonlyMap<string, string>;
}

export function profilesDir(dataDir: string): string {
  return path.join(dataDir, 'profiles');
}

const MODEL_FILE = 'model.json';
const ASSIGNMENTS_FILE = 'assignments.json';

/** Reads the saved model, or undefined when there is none. A damaged file is an error naming it. */
export function loadProfiles(dataDir: string): SavedProfiles | undefined {
  const dir = profilesDir(dataDir);
  const modelFile = path.join(dir, MODEL_FILE);
  if (!existsSync(modelFile)) return undefined;
  try {
    const model = JSON.parse(readFileSync(modelFile, 'utf8')) as ProfileModel;
    if (model.version !== 1 || !Array.isArray(model.profiles)) throw new Error(`unsupported model version ${String(model.version)}`);
    const assignmentsFile = path.join(dir, ASSIGNMENTS_FILE);
    const raw = existsSync(assignmentsFile) ? (JSON.parse(readFileSync(assignmentsFile, 'utf8')) as Record<string, string>) : {};
    return { model, assignments: new Map(Object.entries(raw)) };
  } catch (err) {
    throw new Error(`cannot read the saved profiles in ${dir}: ${(err as Error).message}; delete that folder to rebuild from scratch`);
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

/** Saves both files, each replaced atomically (write a temporary file, then rename). */
export async function saveProfiles(dataDir: string, saved: SavedProfiles): Promise<void> {
  const dir = profilesDir(dataDir);
  mkdirSync(dir, { recursive: true });
  await writeAtomically(path.join(dir, ASSIGNMENTS_FILE), JSON.stringify(Object.fromEntries(saved.assignments)));
  await writeAtomically(path.join(dir, MODEL_FILE), JSON.stringify(saved.model, null, 1));
}
