import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { repoRoot } from './paths.ts';

/**
 * sharp for Lambda (nodejs22.x on arm64) as a layer: the package and its prebuilt linux-arm64 libvips, installed
 * from the registry with npm's platform settings, whatever machine synthesizes. The version is the lockfile's
 * (the one the tests ran). Built once into node_modules/.cache and reused by every later synth, so only the
 * first synth on a machine needs the registry, and functions bundling with esbuild keep sharp external.
 * Why not `bundling.nodeModules`: that runs npm install for the function on every synth (the infra tests
 * synthesize several times), and the function's bundle would carry 20 MB on each deployment.
 */
const sharpVersion = (): string =>
  (
    JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'sharp', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

export const SHARP_LAYER_PLATFORM = { os: 'linux', cpu: 'arm64', libc: 'glibc' } as const;

/** The folder of the layer (`nodejs/node_modules/...`), built if this machine has not built it yet. */
export function sharpLayerDirectory(): string {
  const version = sharpVersion();
  const { os, cpu, libc } = SHARP_LAYER_PLATFORM;
  const cacheRoot = join(repoRoot, 'node_modules', '.cache', 'bayu-sharp-layer');
  // No dots in the name: CDK would take the part after the last one as the staged asset's file extension.
  const directory = join(cacheRoot, `sharp-${version.replaceAll('.', '-')}-${os}-${cpu}-${libc}`);
  const binary = join(directory, 'nodejs', 'node_modules', '@img', `sharp-${os}-${cpu}`, 'package.json');
  if (existsSync(binary)) return directory;

  mkdirSync(cacheRoot, { recursive: true });
  const building = mkdtempSync(join(cacheRoot, 'building-'));
  try {
    const packageDir = join(building, 'nodejs');
    mkdirSync(packageDir);
    writeFileSync(
      join(packageDir, 'package.json'),
      JSON.stringify({ private: true, dependencies: { sharp: version } }),
    );
    execFileSync(
      'npm',
      [
        'install',
        '--omit=dev',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        `--os=${os}`,
        `--cpu=${cpu}`,
        `--libc=${libc}`,
      ],
      { cwd: packageDir, stdio: 'pipe', env: { ...process.env, npm_config_update_notifier: 'false' } },
    );
    rmSync(join(packageDir, 'package.json'));
    if (!existsSync(join(building, 'nodejs', 'node_modules', '@img', `sharp-${os}-${cpu}`))) {
      throw new Error(`npm installed no ${os}-${cpu} binaries of sharp ${version}`);
    }
    try {
      renameSync(building, directory);
    } catch (error) {
      // A concurrent synth finished first: its folder is as good as ours.
      if (!existsSync(binary)) throw error;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return directory;
}

/** The stack's one sharp layer, made on first use. */
export function sharpLayer(scope: Construct): lambda.ILayerVersion {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('SharpLayer') as lambda.LayerVersion | undefined;
  if (existing) return existing;
  return new lambda.LayerVersion(stack, 'SharpLayer', {
    code: lambda.Code.fromAsset(sharpLayerDirectory()),
    compatibleArchitectures: [lambda.Architecture.ARM_64],
    compatibleRuntimes: [lambda.Runtime.NODEJS_22_X],
    description: `sharp ${sharpVersion()} with libvips for linux-arm64 (glibc)`,
  });
}
