import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfigData } from '../../server/src/project/parsers/configData';

/** The text a location covers, so the expectations read as the file does. */
function located(text: string, locations: Readonly<Record<string, readonly [number, number]>>): Record<string, string> {
  return Object.fromEntries(Object.entries(locations).map(([path, [start, end]]) => [path, text.slice(start, end)]));
}

describe('TOML config data', () => {
  it('gives the value as plain data and the offsets of values by dotted path: tables, dotted and quoted keys, arrays of tables, comments', () => {
    const text = [
      'name = "wildduck" # the service',
      '',
      '[api]',
      'port = 8080',
      'accessControl.secret = "a secret cat"',
      '',
      '[dbs."mongo.main"]',
      "url = 'mongodb://127.0.0.1:27017/wildduck'",
      '',
      '[[servers]]',
      'host = "a"',
      '[[servers]]',
      'host = "b"',
      'created = 2024-01-02T03:04:05Z',
    ].join('\n');
    const file = parseConfigData('config/default.toml', text);
    assert.deepEqual(file.value, {
      name: 'wildduck',
      api: { port: 8080, accessControl: { secret: 'a secret cat' } },
      dbs: { 'mongo.main': { url: 'mongodb://127.0.0.1:27017/wildduck' } },
      servers: [{ host: 'a' }, { host: 'b', created: '2024-01-02T03:04:05.000Z' }],
    });
    assert.deepEqual(located(text, file.locations), {
      name: '"wildduck"',
      'api.port': '8080',
      'api.accessControl.secret': '"a secret cat"',
      'dbs.mongo.main.url': "'mongodb://127.0.0.1:27017/wildduck'",
      'servers.0.host': '"a"',
      'servers.1.host': '"b"',
      'servers.1.created': '2024-01-02T03:04:05Z',
    });
  });

  it('keeps the text of a file that does not parse, with no value and no locations', () => {
    const file = parseConfigData('config/broken.toml', '[api\nport = = 1\n');
    assert.equal(file.value, undefined);
    assert.deepEqual(file.locations, {});
    assert.equal(file.text, '[api\nport = = 1\n');
  });
});
