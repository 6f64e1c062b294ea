/** Sends one email. Adapters: SES (SESv2) and SMTP, chosen by configuration. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface MailMessage {
  to: string[];
  subject: string;
  /** Both bodies are rendered from one template; every user-provided value escaped in the HTML. */
  html: string;
  text: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  /** Resolves with the transport's message id; throws when the transport refused the message. */
  send(message: MailMessage): Promise<{ messageId: string }>;
}
