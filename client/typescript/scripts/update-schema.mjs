// Updates openapi.json (the snapshot the types are generated from) and regenerates src/schema.d.ts.
//   npm run update-schema                      from a running service at $MINIRAG_URL (default http://127.0.0.1:8080)
//   npm run update-schema -- path/to/openapi.json   from a file (the drift test writes one)
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';

const source = process.argv[2];
let text;
if (source && !/^https?:\/\//.test(source)) {
  text = await readFile(source, 'utf8');
} else {
  const url =
    source ??
    `${(process.env.MINIRAG_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '')}/api/openapi.json`;
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}`);
  }
  text = await response.text();
}
const document = JSON.parse(text);
await writeFile(
  new URL('../openapi.json', import.meta.url),
  JSON.stringify(document, null, 2) + '\n',
);
execFileSync('npm', ['run', '--silent', 'generate'], {
  stdio: 'inherit',
  cwd: new URL('..', import.meta.url),
});
console.log('openapi.json and src/schema.d.ts updated');
