import type { SeveritySetting } from '../engine/types';

export type Preset = 'recommended' | 'strict' | 'all';

/** `"warning"`, or `["warning", { …options }]`. */
export type RuleEntry = SeveritySetting | readonly [SeveritySetting] | readonly [SeveritySetting, Readonly<Record<string, unknown>>];

export interface ConfigOverride {
  /** Globs relative to the folder of the config that declares them. */
  readonly files: readonly string[];
  readonly rules?: Readonly<Record<string, RuleEntry>>;
}

/** The contents of `.twelve-factor.json` or of package.json's `twelveFactor` key. */
export interface ConfigData {
  readonly extends?: Preset;
  readonly rules?: Readonly<Record<string, RuleEntry>>;
  /** Globs of files to leave out, relative to the config's folder. */
  readonly ignore?: readonly string[];
  /** Globs of files that are production code even though they look like tests or examples. */
  readonly production?: readonly string[];
  readonly overrides?: readonly ConfigOverride[];
}

/** One config file that applies to its folder and everything below it. */
export interface ConfigSource {
  readonly path: string;
  /** The folder the config applies to. */
  readonly dir: string;
  readonly data: ConfigData;
}

/** What one rule does for one file: plain data, so it can travel to scan workers. */
export interface RuleSetting {
  readonly id: string;
  readonly severity: SeveritySetting;
  readonly options?: Readonly<Record<string, unknown>>;
}
