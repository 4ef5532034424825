// ESLint for the YAML files (electron-builder.yml): `npm run lint` reads each as YAML (js-yaml:
// syntax, duplicate keys) and checks electron-builder.yml against electron-builder's own schema,
// with its own validator, the one `electron-builder` runs before building. Installers cannot be
// built on our machines, so this is where a misspelt or misplaced option is caught.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';

const require = createRequire(import.meta.url);
const found = new Map();

/** The problems of one YAML file, as ESLint messages (line and column where known). */
export function yamlProblems(text, filename) {
  let config;
  try {
    config = yaml.load(text, { filename });
  } catch (e) {
    const mark = e.mark ?? { line: 0, column: 0 };
    return [{ ruleId: 'yaml/parse', severity: 2, message: e.reason ?? String(e.message), line: mark.line + 1, column: mark.column + 1 }];
  }
  if (path.basename(filename) !== 'electron-builder.yml') return [];
  const scheme = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
  const { validateSchema } = require('app-builder-lib/out/util/config/schemaValidator');
  try {
    validateSchema(scheme, structuredClone(config), { name: 'electron-builder.yml' });
    return [];
  } catch (e) {
    return [{ ruleId: 'electron-builder/schema', severity: 2, message: String(e.message), line: 1, column: 1 }];
  }
}

export default {
  meta: { name: 'sme-ledger-yaml' },
  processors: {
    yaml: {
      meta: { name: 'sme-ledger-yaml/yaml' },
      // No JavaScript inside: the file's problems are found here and handed back after.
      preprocess(text, filename) {
        found.set(filename, yamlProblems(text, filename));
        return [];
      },
      postprocess(_messages, filename) {
        const problems = found.get(filename) ?? [];
        found.delete(filename);
        return problems;
      },
      supportsAutofix: false,
    },
  },
};
