import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DemoDataset, demoDataset } from '../../shared/schemas/plan-import';

export const DEMO_DATA_FOLDER = join(__dirname, '..', 'demo-data');

/** Every demo dataset in local/demo-data, validated by the same schemas the API uses. */
export function loadDemoDatasets(folder = DEMO_DATA_FOLDER): DemoDataset[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = demoDataset.safeParse(JSON.parse(readFileSync(join(folder, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file} is not a valid dataset: ${parsed.error.message}`);
      return parsed.data;
    });
}
