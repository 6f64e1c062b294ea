/**
 * S3 stand-in: s3rver in this Node process, on 127.0.0.1 only, silent.
 *
 * We serve s3rver's documented `getMiddleware()` from our own HTTP server instead of calling `run()`, because
 * `run()` leaves the server's 'error' event unhandled: a port already in use would crash the whole process
 * instead of rejecting here.
 */
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { closeServer, LOCAL_HOST, listenLocally } from '../http.ts';

export interface S3Options {
  /** 0 or omitted: the OS picks a free port. */
  port?: number;
  /** Where s3rver keeps buckets and objects (created if missing). */
  directory: string;
}

/** The part of s3rver (which ships no types) that the local runtime uses. */
export interface S3rver {
  /** Object events (eventName `ObjectCreated:Put|Post|Copy`, `ObjectRemoved:Delete`), classic S3 notification shape. */
  on(event: 'event', listener: (event: S3rverEvent) => void): this;
  getMiddleware(): (request: unknown, response: unknown) => void;
}

export interface S3rverEvent {
  Records: {
    eventName: string;
    eventTime: string;
    s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string } };
  }[];
}

interface S3rverInternals extends S3rver {
  logger: { close(): void; exceptions: { unhandle(): void } };
}

type S3rverConstructor = new (options: {
  address?: string;
  port?: number;
  directory: string;
  silent?: boolean;
  resetOnClose?: boolean;
  vhostBuckets?: boolean;
}) => S3rverInternals;

export interface S3StandIn {
  endpoint: string;
  server: S3rver;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/**
 * s3rver encrypts ListObjectsV2 continuation tokens with single DES ('des', i.e. DES-CBC), which OpenSSL 3 keeps
 * in its legacy provider: on Node 17+ every paginated listing fails with ERR_OSSL_EVP_UNSUPPORTED unless Node
 * runs with --openssl-legacy-provider. Triple DES with three equal keys (K1 = K2 = K3) is single DES
 * (E(K) D(K) E(K) = E(K)) and lives in the default provider, so we map exactly that call onto it: tokens stay
 * byte-identical. Only the 'des' algorithm with s3rver's fixed key is redirected, a call that otherwise always
 * throws, so nothing else in the process changes; and nothing is patched when DES already works.
 */
function patchContinuationTokenCipher(): void {
  const crypto = require('node:crypto') as typeof import('node:crypto');
  const s3rverKey = Buffer.alloc(8, 'S3RVER', 'utf8');
  try {
    crypto.createCipheriv('des', s3rverKey, Buffer.alloc(8));
    return;
  } catch {
    // DES unavailable: patch below.
  }
  type Factory = (algorithm: string, key: unknown, iv: unknown, options?: unknown) => unknown;
  const redirect = (original: Factory): Factory =>
    function (this: unknown, algorithm, key, iv, options) {
      if (algorithm === 'des' && Buffer.isBuffer(key) && key.equals(s3rverKey)) {
        return original.call(this, 'des-ede3-cbc', Buffer.concat([key, key, key]), iv, options);
      }
      return original.call(this, algorithm, key, iv, options);
    };
  const mutable = crypto as unknown as Record<'createCipheriv' | 'createDecipheriv', Factory>;
  mutable.createCipheriv = redirect(mutable.createCipheriv);
  mutable.createDecipheriv = redirect(mutable.createDecipheriv);
}

let patched = false;

export async function startS3(options: S3Options): Promise<S3StandIn> {
  if (!patched) {
    patchContinuationTokenCipher();
    patched = true;
  }
  const directory = resolve(options.directory);
  await mkdir(directory, { recursive: true });

  const S3rverClass = require('s3rver') as S3rverConstructor;
  const s3rver = new S3rverClass({
    address: LOCAL_HOST,
    directory,
    // Also silences Koa's default error printer (s3rver sets app.silent), so no request details reach stdout.
    silent: true,
    resetOnClose: false,
  });

  const httpServer = createServer(s3rver.getMiddleware());
  let endpoint: string;
  try {
    endpoint = await listenLocally(httpServer, options.port);
  } catch (error) {
    s3rver.logger.close();
    throw error;
  }

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= closeServer(httpServer).then(() => {
      s3rver.logger.exceptions.unhandle();
      s3rver.logger.close();
    });
    return stopped;
  };

  return { endpoint, server: s3rver, stop };
}
