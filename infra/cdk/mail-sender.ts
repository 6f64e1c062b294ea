import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import * as z from 'zod';

/** cdk.json context (or `-c mailFrom=...`): the sender address of every mail. */
export const MAIL_FROM_CONTEXT = 'mailFrom';
/** Until a deployment names its own sender; SES refuses to send from it until its domain is verified. */
const DEFAULT_MAIL_FROM = 'registration@bayu-skills.example.com';

/**
 * The deployment's sender: the SES identity of its domain (verified through the DNS records SES asks for) and
 * the grant to send from that address only. The address is validated here because SES stand-ins accept any.
 */
export class MailSender extends Construct {
  readonly from: string;
  readonly identity: ses.EmailIdentity;
  private readonly identityArns: string[];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const configured = this.node.tryGetContext(MAIL_FROM_CONTEXT) ?? DEFAULT_MAIL_FROM;
    const parsed = z.email().safeParse(configured);
    if (!parsed.success)
      throw new Error(`context ${MAIL_FROM_CONTEXT} is not an email address: ${configured}`);
    this.from = parsed.data;
    const domain = this.from.slice(this.from.lastIndexOf('@') + 1);
    this.identity = new ses.EmailIdentity(this, 'Identity', { identity: ses.Identity.domain(domain) });
    const stack = Stack.of(this);
    const identityArn = (name: string) =>
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    // SES authorises a send against the address's identity and, when only the domain is verified, the domain's.
    this.identityArns = [identityArn(domain), identityArn(this.from)];
  }

  grantSend(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resourceArns: this.identityArns,
      conditions: { StringEquals: { 'ses:FromAddress': this.from } },
    });
  }
}
