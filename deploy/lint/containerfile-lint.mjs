// Lints a Containerfile with dockerfile-utils; exit 1 on any diagnostic of severity error or warning.
import { readFileSync } from 'node:fs';
import { validate } from 'dockerfile-utils';

const file = process.argv[2];
const diagnostics = validate(readFileSync(file, 'utf8'));
for (const d of diagnostics) console.error(`${file}:${d.range.start.line + 1}: ${d.message}`);
console.log(`containerfile-lint: ${diagnostics.length} diagnostic(s)`);
process.exit(diagnostics.length ? 1 : 0);
