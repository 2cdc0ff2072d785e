// tsc does not copy a hand-kept .d.ts into the output: the generated schema ships beside index.d.ts.
import { copyFileSync } from 'node:fs';

copyFileSync(
  new URL('../src/schema.d.ts', import.meta.url),
  new URL('../dist/schema.d.ts', import.meta.url),
);
