/**
 * A deterministic, realistic 1,000-line service file that exercises every rule: config reads,
 * literals, clients, loggers, sessions, uploads, servers and handlers.
 */
const SNIPPETS = [
  (i: number) => `const config${i} = {\n  port: Number(process.env.PORT) || 3000,\n  databaseUrl: process.env.DATABASE_URL,\n  redisUrl: process.env.REDIS_URL || 'redis://localhost:6379',\n  passwordMinLength: 12,\n  tokenHeader: 'authorization',\n};`,
  (i: number) => `async function getOrder${i}(req, res) {\n  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [req.params.id]);\n  if (rows.length === 0) return res.status(404).json({ error: 'not found' });\n  logger.info({ id: req.params.id }, 'order read');\n  return res.json(rows[0]);\n}`,
  (i: number) => `router.post('/items/${i}', express.json(), async (req, res, next) => {\n  try {\n    const item = await service.create({ ...req.body, owner: req.user.id });\n    res.status(201).json(item);\n  } catch (error) {\n    next(error);\n  }\n});`,
  (i: number) => `export class Repository${i} {\n  constructor(private readonly db) {}\n  async findAll(limit = 50) {\n    return this.db.select('*').from('table_${i}').limit(limit);\n  }\n  async remove(id) {\n    await this.db('table_${i}').where({ id }).del();\n  }\n}`.replace('private readonly db', 'db'),
  (i: number) => `const client${i} = axios.create({ baseURL: process.env.API_URL, timeout: 5000, headers: { 'x-request-id': String(${i}) } });`,
  (i: number) => `function validate${i}(input) {\n  const errors = [];\n  if (!input.email || !/^[^@]+@[^@]+$/.test(input.email)) errors.push('email');\n  if (typeof input.name !== 'string' || input.name.length > 200) errors.push('name');\n  return errors;\n}`,
  (i: number) => `const cache${i} = new Map();\nexport function memo${i}(key, compute) {\n  if (!cache${i}.has(key)) cache${i}.set(key, compute());\n  return cache${i}.get(key);\n}`,
];

const HEADER = `import express from 'express';
import axios from 'axios';
import pino from 'pino';
import { Pool } from 'pg';
import session from 'express-session';
import RedisStore from 'connect-redis';

const logger = pino();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = express();
const router = express.Router();
app.use(session({ store: new RedisStore({ client }), secret: process.env.SESSION_SECRET, resave: false }));
`;

const FOOTER = `
app.use('/api', router);
const server = app.listen(Number(process.env.PORT) || 3000, () => logger.info('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

export function serviceFile(lines = 1000): string {
  const parts = [HEADER];
  for (let i = 0; parts.join('\n').split('\n').length < lines - 4; i++) parts.push(SNIPPETS[i % SNIPPETS.length](i));
  return `${parts.join('\n')}${FOOTER}`;
}
