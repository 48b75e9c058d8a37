import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateAll, generatedDir, render } from './generate';

/** `npm run generate:kubernetes`: writes deploy/kubernetes/generated/ from provisioning/. */
mkdirSync(generatedDir, { recursive: true });
for (const file of generateAll()) {
  writeFileSync(path.join(generatedDir, file.name), render(file));
  process.stdout.write(`wrote deploy/kubernetes/generated/${file.name} from ${file.sources.join(', ')}\n`);
}
