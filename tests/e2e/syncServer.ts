// The real sync server for e2e specs: the admin CLI makes the store and its enrollment codes, then
// `serve --port 0` runs as its own process (PGlite in a temp folder, or a fresh schema of the
// PostgreSQL at DATABASE_URL), and the spec reads the port from its ready log line. It can be
// stopped and started again on the same port and data, as a restart in a store would.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
// Node itself with tsx's loader: one process, so SIGTERM reaches the server and nothing else.
const NODE = process.execPath;
const CLI = ['--import', 'tsx', 'src-server/cli.ts'];

export class SyncServerProcess {
  private child: ChildProcess | null = null;
  readonly env: NodeJS.ProcessEnv;
  private readonly dataDir: string;
  readonly schema?: string;
  port = 0;
  readonly log: string[] = [];

  constructor() {
    this.dataDir = mkdtempSync(join(tmpdir(), 'orderline-e2e-server-'));
    this.schema = process.env.DATABASE_URL ? `e2e_${Date.now().toString(36)}_${process.pid}` : undefined;
    this.env = {
      ...process.env,
      ORDERLINE_DATA_DIR: this.dataDir,
      ...(this.schema ? { ORDERLINE_DB_SCHEMA: this.schema } : {}),
      SMTP_URL: '',
      SMTP_HOST: '',
    };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Runs an admin command (the server must not be running on PGlite: one process per data folder). */
  async admin(...args: string[]): Promise<string> {
    const { stdout } = await run(NODE, [...CLI, ...args], { env: this.env });
    return stdout;
  }

  async createStore(name: string): Promise<string> {
    return (await this.admin('create-store', name)).match(/with id (\S+)/)![1]!;
  }

  async enrollCode(storeId: string): Promise<string> {
    return (await this.admin('enroll-code', storeId)).match(/Enrollment code: (\S+)/)![1]!;
  }

  /** Starts `serve` (on the same port as before, after a stop) and waits for its ready line. */
  async start(): Promise<void> {
    const child = spawn(NODE, [...CLI, 'serve', '--host', '127.0.0.1', '--port', String(this.port)], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      const onData = (chunk: Buffer) => {
        buffer += chunk.toString();
        for (const line of buffer.split('\n').slice(0, -1)) {
          this.log.push(line);
          const ready = line.includes('Orderline sync server ready') && line.match(/"port":(\d+)/);
          if (ready) {
            this.port = Number(ready[1]);
            resolve();
          }
        }
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => this.log.push(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`The server exited (${code}):\n${this.log.join('\n')}`)));
    });
  }

  /** SIGTERM, as a service manager stops it; resolves once the process is gone. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.child = null;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (this.schema && process.env.DATABASE_URL) {
      const pg = await import('pg');
      const client = new pg.default.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
      await client.end();
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
