/**
 * The one place an email body is produced: a template describes the mail as plain strings, and this renders
 * the HTML (every string escaped, so a value a unit typed is always text) and the plain-text body from it.
 */
import escapeHtml from 'escape-html';

export type MailBlock =
  | { paragraph: string }
  | { heading: string }
  | { list: string[] }
  | { table: { head: string[]; rows: string[][] } };

export interface MailDocument {
  subject: string;
  /** Who the mail addresses, e.g. the unit's name. */
  greeting: string;
  blocks: MailBlock[];
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const FOOTER = '此邮件由大赛报名系统自动发送，请勿直接回复。如有疑问，请联系大赛执委会。';

function blockHtml(block: MailBlock): string {
  if ('paragraph' in block) return `<p>${escapeHtml(block.paragraph)}</p>`;
  if ('heading' in block) return `<h3>${escapeHtml(block.heading)}</h3>`;
  if ('list' in block) return `<ul>${block.list.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  const cells = (tag: string, row: string[]) => row.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('');
  return (
    '<table border="1" cellpadding="4" cellspacing="0">' +
    `<thead><tr>${cells('th', block.table.head)}</tr></thead>` +
    `<tbody>${block.table.rows.map((r) => `<tr>${cells('td', r)}</tr>`).join('')}</tbody></table>`
  );
}

function blockText(block: MailBlock): string {
  if ('paragraph' in block) return block.paragraph;
  if ('heading' in block) return `【${block.heading}】`;
  if ('list' in block) return block.list.map((i) => `- ${i}`).join('\n');
  return [block.table.head, ...block.table.rows].map((r) => r.join(' | ')).join('\n');
}

export function renderMail(doc: MailDocument): RenderedMail {
  const greeting = `${doc.greeting}：`;
  const html =
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>' +
    `<p>${escapeHtml(greeting)}</p>${doc.blocks.map(blockHtml).join('')}` +
    `<p style="color:#888">${escapeHtml(FOOTER)}</p></body></html>`;
  const text = [greeting, ...doc.blocks.map(blockText), FOOTER].join('\n\n');
  // A subject is one header line: no line breaks from user values may reach it.
  return { subject: doc.subject.replace(/[\r\n]+/g, ' '), html, text };
}
