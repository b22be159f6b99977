/**
 * Factor XI: the app writes its event stream to stdout and the platform routes it. A logging
 * section in the shipped config data (`"logging": { "transports": ["file"] }`, a log4js `file`
 * appender, `"logFile": "logs/app.log"`) takes the logs out of that stream in every deploy that
 * keeps the default: one partial file per instance, lost with the container. Configs for
 * development are left alone: logging to a file on a developer's machine harms no deploy.
 */
import { defineProjectRule } from '../../engine/rule';
import { deployedConfigData, settingPath } from '../_utils/configData';

type MessageId = 'fileLogConfig';

/** Keys that open a logging section. */
const LOGGING_KEY = /^(?:logs?|logging|loggers?|appenders|winston|bunyan|pino|log4js)$/i;
/** log4js and bunyan appender/stream types that write to a file. */
const FILE_TYPE = /^(?:file|dateFile|fileSync|multiFile|rotating-file)$/;
/** Keys of a logging section that name the file the logs go to. */
const FILE_KEY = /^(?:file|filename|path|logFile|log_file|filePath|file_path|destination|dest)$/i;

interface FileLogSetting {
  /** Where the setting is, as a path into the config data (`logging.transports.0`). */
  readonly path: string;
  readonly what: string;
}

export default defineProjectRule<MessageId, never>({
  id: 'logs/no-file-log-config',
  severity: 'warning',
  description: 'Shipped config data (JSON/YAML) that sends the app\'s logs to files: file transports, file appenders, log file paths.',
  appliesTo: (project) => project.files.configData.length > 0,
  messages: {
    fileLogConfig:
      'This config sends the app\'s logs to {{what}}. Every deploy that keeps it writes one partial log per instance on a disk that disappears with the container, outside the stream the platform collects: log to stdout and let the environment route it.',
  },
  check({ project, report }) {
    for (const file of deployedConfigData(project)) {
      for (const setting of fileLogSettings(file.value, '', false)) {
        const at = file.locations[setting.path];
        if (at) report(file.path, { at, messageId: 'fileLogConfig', data: { what: setting.what } });
      }
    }
  },
});

/** Settings inside logging sections that write to files, found by walking the config data. */
function fileLogSettings(value: unknown, path: string, inLogging: boolean): FileLogSetting[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => fileLogSettings(item, settingPath(path, String(index)), inLogging));
  if (!value || typeof value !== 'object') return [];
  const type = (value as { type?: unknown }).type;
  // One finding per appender: its `type: "file"` says it all, the file name with it.
  if (inLogging && typeof type === 'string' && FILE_TYPE.test(type)) return [{ path: settingPath(path, 'type'), what: `a ${type} appender` }];
  return Object.entries(value).flatMap(([key, child]) => {
    const childPath = settingPath(path, key);
    const logging = inLogging || LOGGING_KEY.test(key);
    const found = logging ? fileLogSetting(key, child, childPath) : [];
    return found.length > 0 ? found : fileLogSettings(child, childPath, logging);
  });
}

/** `transports: ["file"]`, `filename: "logs/app.log"`. */
function fileLogSetting(key: string, value: unknown, path: string): FileLogSetting[] {
  if (key === 'transports' && Array.isArray(value)) {
    return value.flatMap((item, index) => (item === 'file' ? [{ path: settingPath(path, String(index)), what: 'a file transport' }] : []));
  }
  if (FILE_KEY.test(key) && typeof value === 'string' && /\.log$/i.test(value)) return [{ path, what: `the file ${value.split(/[\\/]/).pop()}` }];
  return [];
}
