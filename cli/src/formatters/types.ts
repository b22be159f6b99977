import type { RootReport } from '../lint';

export interface FormatContext {
  readonly reports: readonly RootReport[];
  readonly cwd: string;
  readonly color: boolean;
  readonly verbose: boolean;
  readonly version: string;
}

export type Formatter = (context: FormatContext) => string;
