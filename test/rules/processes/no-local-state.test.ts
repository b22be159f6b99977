import rule from '../../../server/src/rules/processes/no-local-state';
import { runRuleTests } from '../../support/ruleTester';

const SESSION = "const session = require('express-session');\n";
const MULTER = "const multer = require('multer');\n";

runRuleTests(rule, {
  valid: [
    { name: 'multer writing to the temp folder for the request only', code: "const multer = require('multer');\nconst upload = multer({ dest: os.tmpdir() });" },
    { name: 'a temporary upload file, removed after the request', code: "const tmpPath = path.join(os.tmpdir(), 'upload-' + id);\nfs.writeFileSync(tmpPath, buffer);" },
    { name: 'an upload streamed to object storage', code: "await s3.upload({ Bucket: process.env.BUCKET, Key: key, Body: fs.createReadStream(uploadPath) }).promise();" },
    { name: 'a cover image kept in the temp folder for the request', code: "const tempPath = path.join(os.tmpdir(), 'cover-' + uid);\nfs.writeFile(tempPath, data, next);" },
    { name: 'an upload folder read from the environment', code: "module.exports = { uploadDir: process.env.UPLOAD_DIR || './uploads' };" },
    { name: 'an upload URL setting', code: "nconf.set('upload_path', 'https://cdn.example.com/uploads');" },
    { name: 'moving a file that is not an upload', code: "fs.renameSync(path.join(dataDir, 'old.json'), path.join(dataDir, 'new.json'));" },
    "const settings = { dbType: process.env.DB_TYPE || 'sqlite', dbSettings: {} };",
    "exports.dbType = 'postgres';",
    "const db = knex({ client: 'pg', connection: { host: process.env.PGHOST, database: 'app' } });",
    `${SESSION}const RedisStore = require('connect-redis').default;\napp.use(session({ store: new RedisStore({ client }), secret: process.env.SESSION_SECRET }));`,
    `${SESSION}const MongoStore = require('connect-mongo');\napp.use(session({ store: MongoStore.create({ mongoUrl: process.env.MONGO_URL }) }));`,
    `${SESSION}app.use(session(options));`,
    `${SESSION}app.use(session({ ...base, secret: process.env.SECRET }));`,
    "const cookieSession = require('cookie-session');\napp.use(cookieSession({ keys: [process.env.KEY] }));",
    `${MULTER}const upload = multer({ storage: multer.memoryStorage() });`,
    `${MULTER}const upload = multer();`,
    `${MULTER}const upload = multer({ storage: s3Storage });`,
    "const sqlite3 = require('sqlite3');\nconst db = new sqlite3.Database(':memory:');",
    "const Database = require('better-sqlite3');\nconst db = new Database(process.env.DB_PATH || './data.db');",
    "const Database = require('better-sqlite3');\nconst db = new Database(process.env.SQLITE_FILE);",
    "const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });",
    "const sequelize = new Sequelize(process.env.DATABASE_URL, { dialect: 'postgres' });",
    "const data = fs.readFileSync(path.join(__dirname, 'data.json'));",
    "fs.writeFileSync(path.join(os.tmpdir(), 'export.csv'), rows);",
    "app.post('/x', (req, res) => fs.writeFile('/tmp/upload', req.body, done));",
    "class Database {}\nconst db = new Database('app.db');",
  ],
  invalid: [
    {
      name: 'an uploaded file moved into the upload folder',
      code: "const fs = require('fs');\nconst uploadPath = path.join(nconf.get('base_dir'), nconf.get('upload_path'), folder, filename);\nconst os = fs.createWriteStream(uploadPath);",
      errors: [{ messageId: 'diskUploads', line: 3, column: 12 }],
      output: null,
    },
    {
      name: 'a data URI written under the upload folder through a helper library',
      code: "await ImageDataURI.outputFile(imgDataUrl, Database.uploadDir + filename);",
      errors: [{ messageId: 'diskUploads', line: 1, column: 7, endColumn: 73 }],
      output: null,
    },
    {
      name: "the app's own helper that keeps uploads on local disk",
      code: "file.saveFileToLocal('favicon.ico', 'system', uploadedFile.path, done);",
      errors: [{ messageId: 'diskUploads', line: 1, column: 1 }],
      output: null,
    },
    {
      name: 'a rename into the uploads folder',
      code: "await fs.promises.rename(req.file.path, path.join(__dirname, 'public', 'uploads', req.file.originalname));",
      errors: [{ messageId: 'diskUploads', line: 1, column: 7 }],
      output: null,
    },
    {
      name: 'an upload folder setting defaulting to a local path',
      code: "if (!nconf.get('upload_path')) {\n  nconf.set('upload_path', '/public/uploads');\n}",
      errors: [{ messageId: 'diskUploads', line: 2, column: 28 }],
      output: null,
    },
    {
      name: 'an upload folder in a settings object',
      code: "module.exports = { port: process.env.PORT, uploadDir: './data/uploads' };",
      errors: [{ messageId: 'diskUploads', line: 1, column: 55 }],
      output: null,
    },
    {
      name: 'a file database as the default database type of the settings',
      code: "exports.dbType = 'dirty';\nexports.dbSettings = { filename: path.join(exports.root, 'var/dirty.db') };",
      filename: 'src/settings.js',
      errors: [{ messageId: 'localDatabaseKind', line: 1, column: 18, file: 'src/settings.js', message: "The database defaults to dirty, which keeps the data in a file on this process's disk. Each instance gets its own copy and a redeploy can lose it: default to a database server attached through config." }],
      output: null,
    },
    {
      name: 'knex on SQLite through a dialect class, with a file under the data folder',
      code: "const Dialect = require('knex/lib/dialects/sqlite3/index.js');\nconst config = {\n  client: Dialect,\n  connection: { filename: Database.sqlitePath },\n  useNullAsDefault: true,\n};",
      errors: [{ messageId: 'localDatabase', line: 2, column: 16, message: 'The app keeps its data in a local file (Database.sqlitePath). Each instance gets its own copy and a redeploy can lose it: use a database server attached through config.' }],
      output: null,
    },
    {
      code: `${SESSION}app.use(session({ secret: process.env.SESSION_SECRET, resave: false }));`,
      errors: [{ messageId: 'memorySession', line: 2, column: 9 }],
      output: null,
    },
    {
      code: `import session from 'express-session';\napp.use(session({ secret: process.env.SECRET, store: new session.MemoryStore() }));`,
      filename: 'src/app.mjs',
      errors: [{ messageId: 'memorySession', line: 2, column: 9 }],
      output: null,
    },
    {
      code: `${SESSION}const MemoryStore = require('memorystore')(session);\napp.use(session({ store: new MemoryStore({ checkPeriod: 86400000 }), secret: s }));`,
      errors: [{ messageId: 'memorySession', line: 3, column: 9 }],
      output: null,
    },
    {
      code: `${MULTER}const storage = multer.diskStorage({ destination: 'uploads/' });`,
      errors: [{ messageId: 'diskUploads', line: 2, column: 17 }],
      output: null,
    },
    {
      code: `${MULTER}const upload = multer({ dest: 'uploads/' });`,
      errors: [{ messageId: 'diskUploads', line: 2, column: 16 }],
      output: null,
    },
    {
      code: "const sqlite3 = require('sqlite3').verbose();\nconst db = new sqlite3.Database('./data/app.db');",
      errors: [{ messageId: 'localDatabase', line: 2, column: 12, message: "The app keeps its data in a local file (./data/app.db). Each instance gets its own copy and a redeploy can lose it: use a database server attached through config." }],
      output: null,
    },
    {
      code: "import Database from 'better-sqlite3';\nexport const db = new Database('app.db');",
      filename: 'src/db.ts',
      errors: [{ messageId: 'localDatabase', line: 2, column: 19 }],
      output: null,
    },
    {
      code: "import { DatabaseSync } from 'node:sqlite';\nconst DB_FILE = 'store.sqlite';\nconst db = new DatabaseSync(DB_FILE);",
      filename: 'src/db.mjs',
      errors: [{ messageId: 'localDatabase', line: 3, column: 12 }],
      output: null,
    },
    {
      code: "const { open } = require('sqlite');\nconst db = await open({ filename: './db.sqlite', driver: sqlite3.Database });",
      errors: [{ messageId: 'localDatabase', line: 2, column: 18 }],
      output: null,
    },
    {
      code: "const sequelize = new Sequelize({ dialect: 'sqlite', storage: './database.sqlite' });",
      errors: [{ messageId: 'localDatabase', line: 1, column: 33 }],
      output: null,
    },
    {
      code: "const db = knex({ client: 'sqlite3', connection: { filename: './dev.sqlite3' }, useNullAsDefault: true });",
      errors: [{ messageId: 'localDatabase', line: 1, column: 17 }],
      output: null,
    },
    {
      code: "import { JSONFile } from 'lowdb/node';\nconst adapter = new JSONFile('db.json');",
      filename: 'src/store.mjs',
      errors: [{ messageId: 'localDatabase', line: 2, column: 17 }],
      output: null,
    },
    {
      code: "const Datastore = require('@seald-io/nedb');\nconst users = new Datastore({ filename: 'data/users.db', autoload: true });",
      errors: [{ messageId: 'localDatabase', line: 2, column: 15 }],
      output: null,
    },
    {
      code: "app.post('/avatar', (req, res) => {\n  fs.writeFileSync(path.join(__dirname, 'uploads', req.params.id), req.body);\n});",
      errors: [{ messageId: 'appDirectoryWrite', line: 2, column: 3 }],
      output: null,
    },
  ],
});
