import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HttpTrigger } from '../../system.ts';
import type { AppFunction } from '../app-function.ts';

/** One line of JSON per request; no headers, so no bearer token ever reaches the logs. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
});

/**
 * The public HTTP API: one route per `http` trigger, each to its function's single Lambda integration. Auth is
 * the handlers' (bearer tokens whose hashes are stored in the table), so the routes have no authorizer.
 */
export class AppHttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  private readonly integrations = new Map<AppFunction, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: 'Registration API v1',
      // The stage is added below, with access logs and throttling, which the implicit one cannot have.
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // A few hundred units register over weeks; this caps the whole API well before it costs anything. One
      // client cannot use it all up: the functions hold each key to its own share (rate-limit-settings.ts).
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: apigw.AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });
  }

  get url(): string {
    return this.stage.url;
  }

  addRoute(fn: AppFunction, trigger: HttpTrigger): void {
    let integration = this.integrations.get(fn);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn.function);
      this.integrations.set(fn, integration);
    }
    this.api.addRoutes({
      path: trigger.path,
      methods: [apigwv2.HttpMethod[trigger.method]],
      integration,
    });
  }
}
