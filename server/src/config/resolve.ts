import picomatch from 'picomatch';
import { relative, sep } from 'node:path';
import { projectPath } from '../engine/paths';
import type { Rule } from '../engine/rule';
import type { Severity, SeveritySetting } from '../engine/types';
import type { ConfigData, ConfigSource, Preset, RuleEntry, RuleSetting } from './types';

/** Settings that sit on top of every config file: the editor's, or the CLI's `--config` and `--rule`. */
export interface ConfigLayer {
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  readonly data?: ConfigData;
  /** Run only these rules. */
  readonly only?: readonly string[];
}

const STRICTER: Record<Severity, Severity> = { info: 'warning', warning: 'error', error: 'error' };

/**
 * The effective rule settings for one file: the preset, then each config from the root down to the
 * file's folder (nearest wins), then their overrides whose globs match, then the top layer.
 */
export function resolveRules(rules: readonly Rule[], sources: readonly ConfigSource[], file: string, layer: ConfigLayer = {}): RuleSetting[] {
  const chain = sources.filter((source) => isInside(source.dir, file)).sort((a, b) => a.dir.length - b.dir.length);
  const dataChain = [...chain.map((source) => ({ dir: source.dir, data: source.data })), ...(layer.data ? [{ dir: '', data: layer.data }] : [])];
  const preset = [...dataChain].reverse().find((entry) => entry.data.extends)?.data.extends ?? 'recommended';
  const settings = new Map<string, RuleSetting>(rules.map((rule) => [rule.id, presetSetting(rule, preset)]));
  const apply = (entries: Readonly<Record<string, RuleEntry>> | undefined) => {
    for (const [id, entry] of Object.entries(entries ?? {})) {
      const [severity, options] = typeof entry === 'string' ? [entry, undefined] : [entry[0], entry[1]];
      settings.set(id, { id, severity, options: options ?? settings.get(id)?.options });
    }
  };
  for (const { dir, data } of dataChain) {
    apply(data.rules);
    for (const override of data.overrides ?? []) {
      if (matches(override.files, dir, file)) apply(override.rules);
    }
  }
  for (const [id, severity] of Object.entries(layer.severities ?? {})) settings.set(id, { id, severity, options: settings.get(id)?.options });
  const only = layer.only;
  return [...settings.values()].filter((setting) => !only || only.includes(setting.id));
}

function presetSetting(rule: Rule, preset: Preset): RuleSetting {
  const recommended = rule.recommended !== false;
  if (preset === 'recommended') return { id: rule.id, severity: recommended ? rule.severity : 'off' };
  if (preset === 'strict') return { id: rule.id, severity: recommended ? STRICTER[rule.severity] : 'off' };
  return { id: rule.id, severity: rule.severity };
}

function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return !rel.startsWith('..') && !rel.startsWith(sep);
}

/** Globs are relative to the folder of the config that declares them; `dir` '' means absolute or cwd-relative. */
export function matches(globs: readonly string[], dir: string, file: string): boolean {
  const target = dir ? projectPath(dir, file) : file.split(sep).join('/');
  return globs.some((glob) => picomatch(glob, { dot: true, matchBase: !glob.includes('/') })(target));
}

/** Ignore and production globs of every config, made relative to the workspace root for the file filter. */
export function rootRelativeGlobs(root: string, sources: readonly ConfigSource[], key: 'ignore' | 'production'): string[] {
  return sources.flatMap((source) => {
    const prefix = projectPath(root, source.dir);
    return (source.data[key] ?? []).map((glob) => (prefix ? `${prefix}/${glob.replace(/^\.\//, '')}` : glob));
  });
}
