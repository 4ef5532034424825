// Types of scripts/eslint-yaml.mjs, for the tests.
export interface YamlProblem {
  ruleId: string;
  severity: 2;
  message: string;
  line: number;
  column: number;
}
export function yamlProblems(text: string, filename: string): YamlProblem[];
declare const plugin: { meta: { name: string }; processors: Record<string, unknown> };
export default plugin;
