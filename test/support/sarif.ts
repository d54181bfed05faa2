/**
 * A structural validator for the SARIF 2.1.0 that GitHub code scanning accepts. The official
 * JSON schema (https://json.schemastore.org/sarif-2.1.0.json) cannot be fetched offline here,
 * so this checks the properties the schema and GitHub's "SARIF support for code scanning"
 * require (shared/research/apis.md §5.2): sarifLog `$schema`/`version`/`runs`; each run's
 * `tool.driver.name` and `rules[]` (`id`, `shortDescription.text`, `fullDescription.text` of at
 * most 1024 characters, `help.text`, a `helpUri` URI, `defaultConfiguration.level`); each
 * result's `message.text`, `ruleId` naming a rule (and `ruleIndex` pointing at it), `level`,
 * and at least one location with `artifactLocation.uri` (a relative URI reference) and a
 * region whose `startLine`/`startColumn` are positive integers. Returns the problems found.
 */
export function validateSarif(log: unknown): string[] {
  const problems: string[] = [];
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  const text = (value: unknown, path: string) => {
    if (!isObject(value) || typeof value.text !== 'string' || value.text === '') {
      problems.push(`${path}.text: required string`);
      return '';
    }
    return value.text;
  };
  const levels = ['none', 'note', 'warning', 'error'];
  const positive = (value: unknown, path: string) => {
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < 1)) {
      problems.push(`${path}: must be a positive integer`);
    }
  };

  if (!isObject(log)) return ['log: must be an object'];
  if (typeof log.$schema !== 'string' || !/sarif-2\.1\.0/.test(log.$schema)) {
    problems.push('$schema: must name the SARIF 2.1.0 schema');
  }
  if (log.version !== '2.1.0') problems.push('version: must be "2.1.0"');
  if (!Array.isArray(log.runs) || log.runs.length === 0) {
    problems.push('runs: at least one run');
    return problems;
  }
  log.runs.forEach((run: unknown, r) => {
    const at = `runs[${r}]`;
    if (!isObject(run) || !isObject(run.tool) || !isObject(run.tool.driver)) {
      problems.push(`${at}.tool.driver: required`);
      return;
    }
    const driver = run.tool.driver;
    if (typeof driver.name !== 'string' || driver.name === '') {
      problems.push(`${at}.tool.driver.name: required string`);
    }
    const ruleIds: string[] = [];
    if (!Array.isArray(driver.rules)) problems.push(`${at}.tool.driver.rules: required array`);
    else {
      driver.rules.forEach((rule: unknown, index) => {
        const path = `${at}.tool.driver.rules[${index}]`;
        if (!isObject(rule) || typeof rule.id !== 'string' || rule.id === '') {
          problems.push(`${path}.id: required string`);
          return;
        }
        if (ruleIds.includes(rule.id)) problems.push(`${path}.id: duplicate \`${rule.id}\``);
        ruleIds.push(rule.id);
        text(rule.shortDescription, `${path}.shortDescription`);
        if (text(rule.fullDescription, `${path}.fullDescription`).length > 1024) {
          problems.push(`${path}.fullDescription.text: at most 1024 characters`);
        }
        text(rule.help, `${path}.help`);
        if (typeof rule.helpUri !== 'string' || !URL.canParse(rule.helpUri)) {
          problems.push(`${path}.helpUri: must be an absolute URI`);
        }
        const config = rule.defaultConfiguration;
        if (!isObject(config) || !levels.includes(config.level as string)) {
          problems.push(`${path}.defaultConfiguration.level: one of ${levels.join(', ')}`);
        }
      });
    }
    if (!Array.isArray(run.results)) {
      problems.push(`${at}.results: required array`);
      return;
    }
    run.results.forEach((result: unknown, index) => {
      const path = `${at}.results[${index}]`;
      if (!isObject(result)) {
        problems.push(`${path}: must be an object`);
        return;
      }
      text(result.message, `${path}.message`);
      if (typeof result.ruleId !== 'string' || !ruleIds.includes(result.ruleId)) {
        problems.push(`${path}.ruleId: must name a rule of the driver`);
      } else if (
        result.ruleIndex !== undefined &&
        ruleIds[result.ruleIndex as number] !== result.ruleId
      ) {
        problems.push(`${path}.ruleIndex: must point at \`${result.ruleId}\``);
      }
      if (!levels.includes(result.level as string)) {
        problems.push(`${path}.level: one of ${levels.join(', ')}`);
      }
      if (!Array.isArray(result.locations) || result.locations.length === 0) {
        problems.push(`${path}.locations: at least one location`);
        return;
      }
      result.locations.forEach((location: unknown, l) => {
        const where = `${path}.locations[${l}].physicalLocation`;
        const physical = isObject(location) ? location.physicalLocation : undefined;
        if (!isObject(physical) || !isObject(physical.artifactLocation)) {
          problems.push(`${where}.artifactLocation: required`);
          return;
        }
        const uri = physical.artifactLocation.uri;
        if (
          typeof uri !== 'string' ||
          uri === '' ||
          /^[a-z]+:|^\//i.test(uri) ||
          /[\s\\]/.test(uri)
        ) {
          problems.push(`${where}.artifactLocation.uri: a repository-relative URI reference`);
        }
        if (physical.region !== undefined) {
          if (!isObject(physical.region)) problems.push(`${where}.region: must be an object`);
          else {
            if (physical.region.startLine === undefined) {
              problems.push(`${where}.region.startLine: required`);
            }
            positive(physical.region.startLine, `${where}.region.startLine`);
            positive(physical.region.startColumn, `${where}.region.startColumn`);
          }
        }
      });
    });
  });
  return problems;
}
