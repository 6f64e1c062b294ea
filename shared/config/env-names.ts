/**
 * Environment variable names shared by the CDK app (which sets them), the local runtime (which sets them for
 * in-process handlers) and the handlers' composition root (which reads them once at start-up).
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  eventBusName: 'EVENT_BUS_NAME',
  bucketName: 'BUCKET_NAME',
  /** AWS: the Secrets Manager secret holding the HMAC key for ID numbers. */
  idHashKeySecretArn: 'ID_HASH_KEY_SECRET_ARN',
  /** Local mode: the HMAC key itself (generated once and kept in LOCAL_DATA_DIR). */
  idHashKey: 'ID_HASH_KEY',
  /** AWS: the Secrets Manager secret under which page cursors are signed. */
  cursorKeySecretArn: 'CURSOR_KEY_SECRET_ARN',
  /** Local mode: the cursor key itself (generated once and kept in LOCAL_DATA_DIR). */
  cursorKey: 'CURSOR_KEY',
  /** AWS: the Secrets Manager secret under which webhook signing secrets are encrypted at rest. */
  webhookKeySecretArn: 'WEBHOOK_KEY_SECRET_ARN',
  /** Local mode: the webhook key itself (generated once and kept in LOCAL_DATA_DIR). */
  webhookKey: 'WEBHOOK_KEY',
  /**
   * Local mode only (the local runtime sets it; no deployment does): `true` lets webhooks go to
   * `http://127.0.0.1:<port>`, a receiver on the same machine.
   */
  webhookLocalHttp: 'WEBHOOK_LOCAL_HTTP',
  /** Local mode: milliseconds added to the machine clock (APP_CLOCK_START and the /local/clock route). */
  clockOffsetMs: 'APP_CLOCK_OFFSET_MS',
  /** Local mode: s3rver needs path-style addressing. */
  s3ForcePathStyle: 'S3_FORCE_PATH_STYLE',
  /** The API's public base URL, for links in mails (the HTTP API's URL in AWS, the gateway's locally). */
  apiUrl: 'API_URL',
  logLevel: 'LOG_LEVEL',
  /** How mail leaves: `ses` (default) or `smtp` (the organisers' own mail server). */
  mailTransport: 'MAIL_TRANSPORT',
  /** With MAIL_TRANSPORT=smtp: `smtp://` or `smtps://` URL of the server, with its credentials if any. */
  mailSmtpUrl: 'MAIL_SMTP_URL',
  /** The sender address of every mail (an SES-verified identity in AWS). */
  mailFrom: 'MAIL_FROM',
  /** Requests one caller (bearer token, or source address without one) may send per window (default 100). */
  rateLimitRequests: 'RATE_LIMIT_REQUESTS',
  /** The rate limit's window in seconds (default 10). */
  rateLimitWindowSeconds: 'RATE_LIMIT_WINDOW_SECONDS',
  /** The Scheduler group that holds the one-time schedules made at run time (the ends of overrides). */
  oneTimeScheduleGroup: 'ONE_TIME_SCHEDULE_GROUP',
  /** The function those schedules invoke (the deadline function's ARN). */
  oneTimeScheduleTargetArn: 'ONE_TIME_SCHEDULE_TARGET_ARN',
  /** The role Scheduler assumes to invoke it (and to send what fails to the dead-letter queue). */
  oneTimeScheduleRoleArn: 'ONE_TIME_SCHEDULE_ROLE_ARN',
  /** The dead-letter queue of the invocations that fail every retry. */
  oneTimeScheduleDeadLetterArn: 'ONE_TIME_SCHEDULE_DEAD_LETTER_ARN',
  /** AWS: every dead-letter queue of the system, as a JSON list of `{ queue, url }` (to count what waits). */
  deadLetterQueues: 'DEAD_LETTER_QUEUES',
  /** Local mode: where the runtime lists its dead letters (its `/local/dead-letters` route). */
  localDeadLettersUrl: 'LOCAL_DEAD_LETTERS_URL',
} as const;
