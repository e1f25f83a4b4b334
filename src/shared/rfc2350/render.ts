// Renders a team profile as the RFC 2350 document, in the conventional numbered layout: plain text (the signed
// original), Markdown, and an HTML page. Free text is the team's Markdown; HTML never lets raw HTML through.
import MarkdownIt from 'markdown-it';
import { rfc2350Sections, type ProfileField, type TeamProfileDraft } from './profile.schemas';
import type { DocumentLanguage } from '#shared/team/team.schemas';

export interface RenderContext {
  language: DocumentLanguage;
  publicUrl: string;
  /** The signing key, so that 1.4 and 2.8 state what verifies the document. */
  key: { fingerprint: string; keyId: string; userIds: string[] } | null;
  publishedAt: Date;
}

import { bareFields, labelsFor } from './labels';

export { labelsFor };

function valueAt(profile: TeamProfileDraft, field: ProfileField): unknown {
  let v: unknown = profile;
  for (const part of field.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

export const publicUrls = (base: string) => ({
  html: `${base}/rfc2350`,
  text: `${base}/rfc2350.txt`,
  markdown: `${base}/rfc2350.md`,
  signature: `${base}/rfc2350.txt.asc`,
  key: `${base}/pgp-key.asc`,
  securityTxt: `${base}/.well-known/security.txt`,
});

/** The body of one section as Markdown-ish plain text (shared by the .txt and .md renderings). */
function sectionBody(profile: TeamProfileDraft, fields: readonly ProfileField[], ctx: RenderContext): string[] {
  const L = labelsFor(ctx.language);
  const urls = publicUrls(ctx.publicUrl);
  const out: string[] = [];
  const line = (label: string, value: string) => out.push(value.includes('\n') ? `${label}:\n\n${value}` : `${label}: ${value}`);
  for (const field of fields) {
    const v = valueAt(profile, field);
    switch (field) {
      case 'document.locations': {
        const list = Array.isArray(v) && v.length ? (v as string[]) : [urls.text];
        out.push(`${L.locationsDefault}:\n\n${list.map((u) => `- ${u}`).join('\n')}`);
        break;
      }
      case 'document.authentication':
        out.push(
          typeof v === 'string' && v.trim() ? v : `${L.authDefault} ${urls.signature}${ctx.key ? ` (${L.keyId} ${ctx.key.keyId}).` : '.'}`,
        );
        break;
      case 'document.distributionList': {
        const d = v as { emails?: string[]; description?: string } | undefined;
        if (d?.description) out.push(d.description);
        if (d?.emails?.length) line(L[field], d.emails.join(', '));
        break;
      }
      case 'contact.publicKeys': {
        const keys = (
          Array.isArray(v) ? (v as { keyId?: string; fingerprint?: string; userIds?: string[]; url?: string; expires?: string }[]) : []
        ).slice();
        if (ctx.key && !keys.some((k) => k.fingerprint?.replace(/\s/g, '').toUpperCase() === ctx.key?.fingerprint)) {
          keys.unshift({ keyId: ctx.key.keyId, fingerprint: ctx.key.fingerprint, userIds: ctx.key.userIds, url: urls.key });
        }
        for (const k of keys) {
          const parts = [
            ...(k.userIds ?? []).map((u) => `${L.userId}: ${u}`),
            k.keyId ? `${L.keyId}: ${k.keyId}` : '',
            k.fingerprint ? `${L.fingerprint}: ${k.fingerprint.replace(/(.{4})(?=.)/g, '$1 ')}` : '',
            k.url ? `${L.keyUrl}: ${k.url}` : '',
            k.expires ? `${L.expires}: ${k.expires}` : '',
          ].filter(Boolean);
          if (parts.length) out.push(parts.join('\n'));
        }
        break;
      }
      case 'policies.responsibleDisclosure': {
        const d = v as { text?: string; gracePeriodDays?: number } | undefined;
        if (d?.text) line(L[field], d.text.trim());
        if (d?.gracePeriodDays !== undefined) line(L.grace, `${d.gracePeriodDays} ${L.days}`);
        break;
      }
      default:
        if (Array.isArray(v) && v.length) line(L[field], (v as unknown[]).map(String).join(', '));
        else if (typeof v === 'string' && v.trim()) {
          // The only field of its section, and a section's own text, stand alone; every other value gets its
          // label, however long, so that the document imports back unambiguously (see `readLabelled`).
          if (fields.length === 1 || bareFields.has(field)) out.push(v.trim());
          else line(L[field], v.trim());
        } else if (typeof v === 'number') line(L[field], String(v));
    }
  }
  return out;
}

function header(profile: TeamProfileDraft, ctx: RenderContext): { title: string; meta: string[] } {
  const L = labelsFor(ctx.language);
  const name = profile.contact?.fullName ?? profile.contact?.shortName ?? 'CSIRT';
  const short = profile.contact?.shortName && profile.contact.shortName !== name ? ` (${profile.contact.shortName})` : '';
  return {
    title: `${L.title} ${name}${short}`,
    meta: [
      L.tlp,
      ...(profile.document?.version ? [`${L.version}: ${profile.document.version}`] : []),
      `${L.published}: ${ctx.publishedAt.toISOString().slice(0, 10)}`,
    ],
  };
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => (l ? `   ${l}` : ''))
    .join('\n');

/** The conventional plain-text layout: numbered headings, bodies indented by three spaces. LF line endings. */
export function renderText(profile: TeamProfileDraft, ctx: RenderContext): string {
  const L = labelsFor(ctx.language);
  const h = header(profile, ctx);
  const out: string[] = [h.title, '='.repeat(Math.min(h.title.length, 72)), '', ...h.meta, ''];
  for (const s of rfc2350Sections) {
    const title = ctx.language === 'fr' ? s.titleFr : s.titleEn;
    const chapter = !s.number.includes('.');
    out.push(chapter ? `\n${s.number}. ${title}` : `${s.number} ${title}`, '');
    if (chapter && !s.fields.length) continue;
    const body = sectionBody(profile, s.fields, ctx);
    out.push(indent(body.length ? body.join('\n\n') : L.none), '');
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

export function renderMarkdown(profile: TeamProfileDraft, ctx: RenderContext): string {
  const L = labelsFor(ctx.language);
  const h = header(profile, ctx);
  const out: string[] = [`# ${h.title}`, '', ...h.meta.map((m) => `${m}  `), ''];
  const known = new Set<string>(Object.values(L));
  for (const s of rfc2350Sections) {
    const title = ctx.language === 'fr' ? s.titleFr : s.titleEn;
    const depth = s.number.split('.').length;
    out.push(`${'#'.repeat(Math.min(depth + 1, 4))} ${s.number}. ${title}`, '');
    if (depth === 1 && !s.fields.length) continue;
    // Only the document's own labels are set in bold: a colon in the team's text is not a label.
    const body = sectionBody(profile, s.fields, ctx).map((b) =>
      b.replace(/^([^\n:]{1,60}): (.+)$/gm, (all: string, label: string, value: string) =>
        known.has(label) ? `**${label}:** ${value}` : all,
      ),
    );
    out.push(body.length ? body.join('\n\n') : `*${L.none}*`, '');
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

// Why html:false: the team's Markdown is shown to anonymous visitors; raw HTML (<script>) must stay text.
// breaks: a postal address or a key block written line by line keeps its lines.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
const defaultLinkValidator = md.validateLink.bind(md);
md.validateLink = (url) => defaultLinkValidator(url) && /^(https?:|mailto:|#|\/)/i.test(url.trim());

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function renderHtml(markdown: string, ctx: RenderContext & { title: string }): string {
  const urls = publicUrls(ctx.publicUrl);
  const fr = ctx.language === 'fr';
  const links = fr
    ? ['Texte signé', 'Signature OpenPGP', 'Clé publique', 'Markdown', 'security.txt']
    : ['Signed text', 'OpenPGP signature', 'Public key', 'Markdown', 'security.txt'];
  const hrefs = ['/rfc2350.txt', '/rfc2350.txt.asc', '/pgp-key.asc', '/rfc2350.md', '/.well-known/security.txt'];
  return `<!doctype html>
<html lang="${ctx.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(ctx.title)}</title>
<link rel="canonical" href="${escapeHtml(urls.html)}">
<style>
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:#17202a;margin:0;background:#f5f7fa}
header{background:#0b2545;color:#fff;padding:1rem 1.5rem}
header a{color:#cfe3ff}
main{max-width:52rem;margin:0 auto;padding:1.5rem;background:#fff;min-height:100vh}
.tlp{display:inline-block;background:#000;color:#fff;font-weight:700;padding:.15rem .5rem;border-radius:3px;font-family:monospace}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}
h1{font-size:1.6rem}h2{border-bottom:1px solid #d8dee6;padding-bottom:.25rem;margin-top:2rem}h3{font-size:1.05rem}
pre,code{background:#f0f3f7;border-radius:3px}
</style>
</head>
<body>
<header><span class="tlp">TLP:CLEAR</span>
<nav aria-label="${fr ? 'Formats' : 'Formats'}"><ul>${links.map((l, i) => `<li><a href="${hrefs[i] ?? '/'}">${l}</a></li>`).join('')}</ul></nav>
</header>
<main>
${md.render(markdown)}
</main>
</body>
</html>
`;
}
