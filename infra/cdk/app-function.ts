import { join } from 'node:path';
import { Duration, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { WEB_ASSETS_DIR_ENV } from '#functions/http/web.ts';
import type { FunctionSpec } from '../system.ts';
import {
  BUNDLE_ALIASES,
  BUNDLE_CHARSET,
  BUNDLE_TARGET,
  ESM_REQUIRE_BANNER,
  externalModules,
  MAIN_FIELDS,
} from './bundling.ts';
import { repoRoot } from './paths.ts';
import { sharpLayer } from './sharp-layer.ts';

/** Tag naming the spec a resource was built from; the parity test maps template resources back to specs by it. */
export const FUNCTION_TAG = 'bayu:function';

export interface AppFunctionProps {
  readonly spec: FunctionSpec;
}

/**
 * Every Lambda function of the system, built the same way: Node.js 22 on Graviton, bundled by the local esbuild
 * (no Docker) into minified ESM with source maps, its own log group with a retention, X-Ray tracing and its own
 * role that starts with nothing but writing to that log group.
 */
export class AppFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const { spec } = props;

    // Retained (the default) so the logs of a request outlive a redeployment of the stateless stack.
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS });

    // An own role instead of AWSLambdaBasicExecutionRole, which may write to every log group in the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${spec.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(repoRoot, spec.entry),
      handler: 'handler',
      description: spec.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        ...(spec.webApp ? { [WEB_ASSETS_DIR_ENV]: '/var/task/web' } : {}),
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: BUNDLE_TARGET,
        mainFields: MAIN_FIELDS,
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        charset: BUNDLE_CHARSET as Charset,
        sourceMap: true,
        // Stack traces need line mappings, not the sources; leaving them out keeps the package small.
        sourcesContent: false,
        // Measured faster cold starts with the SDK bundled (tree-shaken) than loaded from the runtime.
        bundleAwsSDK: true,
        externalModules: externalModules(spec),
        esbuildArgs: {
          '--alias': Object.entries(BUNDLE_ALIASES).map(([from, to]) => `${from}=${to}`),
        },
        // The web app's page and assets, built by the project's esbuild into the function's own package.
        ...(spec.webApp
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) => [
                  `cd "${inputDir}" && node --import tsx web/build.ts "${outputDir}/web"`,
                ],
              },
            }
          : {}),
      },
      ...(spec.nativeModules?.includes('sharp') ? { layers: [sharpLayer(this)] } : {}),
    });

    Tags.of(this).add(FUNCTION_TAG, spec.name);
  }

  /** Sets an environment variable of the function; used by the grant helpers so grant and name go together. */
  addEnvironment(name: string, value: string): void {
    this.function.addEnvironment(name, value);
  }
}
