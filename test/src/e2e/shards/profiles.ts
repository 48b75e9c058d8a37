import { getJson, waitFor } from '../../support/index';
import type { RunningExporter } from './exporters';

/** GET /v1/profiles, the parts the shards test reads. */
export interface ProfilesBody {
  readonly built: boolean;
  readonly builtAt?: string;
  readonly users?: number;
  readonly k?: number;
  readonly message?: string;
  readonly modelFrom?: { readonly shard: 0; readonly url: string; readonly ownerBuiltAt?: string; readonly lastError?: string };
  readonly profiles: ReadonlyArray<{ readonly id: string; readonly name: string; readonly size: number }>;
}

/** Every exporter's profiles once each has a model; the shards' once shards 1… use the model shard 0 has now. */
export async function profilesOnModel(exporters: readonly RunningExporter[], shard0: RunningExporter): Promise<ProfilesBody[]> {
  return waitFor(
    async () => {
      const owner = await getJson<ProfilesBody>(`${shard0.url}/v1/profiles`);
      if (!owner.built) return undefined;
      const all = await Promise.all(exporters.map((e) => (e.process.assertRunning(), getJson<ProfilesBody>(`${e.url}/v1/profiles`))));
      const current = all.every((p) => p.built && (p.modelFrom === undefined || p.modelFrom.ownerBuiltAt === owner.builtAt));
      return current ? all : undefined;
    },
    { what: 'profile models on every exporter, shards 1… on shard 0’s current one', timeoutMs: 90_000 },
  ).catch(async (err: Error) => {
    const state = await Promise.all(exporters.map(async (e) => `${e.url}: ${JSON.stringify(await getJson<ProfilesBody>(`${e.url}/v1/profiles`).catch((x: Error) => x.message)).slice(0, 400)}\n${e.process.output().slice(-1500)}`));
    throw new Error(`${err.message}; the exporters' profiles and output:\n${state.join('\n')}`);
  });
}

/** Users per profile id. */
export const sizesById = (p: ProfilesBody): Map<string, number> => new Map(p.profiles.map((x) => [x.id, x.size]));
