import { sharedData } from '@shadowfleet/exporter';

/** The absolute path of a file in ../shared/data; throws naming the file and the bench that needs it when it is absent. */
export function needSharedData(file: string, bench: string): string {
  const p = sharedData(file);
  if (!p) throw new Error(`../shared/data/${file} is missing; the ${bench} bench needs the shared datasets`);
  return p;
}
