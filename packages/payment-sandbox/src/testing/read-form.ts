/** A form as a browser would submit it: where it posts and its successful controls' default values. */
export interface ScrapedForm {
  action: string;
  method: string;
  fields: Map<string, string>;
  /** name → values of its submit buttons (for the 3-D Secure page's Complete / Fail). */
  buttons: Map<string, string[]>;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Undoes the sandbox's own HTML escaping. */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)) {
    found.set((match[1] ?? '').toLowerCase(), decodeEntities(match[2] ?? ''));
  }
  return found;
}

/**
 * Finds the form marked `data-sandbox-form="<marker>"` in a sandbox page and collects what it would submit: text inputs'
 * values, checked radios, each select's selected option. Written for the sandbox's own markup, not arbitrary HTML.
 */
export function readForm(page: string, marker: string): ScrapedForm | null {
  const start = page.search(new RegExp(`<form\\b[^>]*data-sandbox-form="${marker}"`));
  if (start < 0) return null;
  const end = page.indexOf('</form>', start);
  const markup = page.slice(start, end < 0 ? undefined : end);
  const formTag = attributes(/^<form\b([^>]*)>/.exec(markup)?.[1] ?? '');
  const fields = new Map<string, string>();
  const buttons = new Map<string, string[]>();
  for (const match of markup.matchAll(/<input\b([^>]*)>/g)) {
    const input = attributes(match[1] ?? '');
    const name = input.get('name');
    const type = input.get('type') ?? 'text';
    if (!name || input.has('disabled')) continue;
    if ((type === 'radio' || type === 'checkbox') && !input.has('checked')) continue;
    fields.set(name, input.get('value') ?? (type === 'radio' || type === 'checkbox' ? 'on' : ''));
  }
  for (const match of markup.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attributes(match[1] ?? '').get('name');
    if (!name) continue;
    const options = [...(match[2] ?? '').matchAll(/<option\b([^>]*)>/g)].map((option) => attributes(option[1] ?? ''));
    const selected = options.find((option) => option.has('selected')) ?? options[0];
    fields.set(name, selected?.get('value') ?? '');
  }
  for (const match of markup.matchAll(/<button\b([^>]*)>/g)) {
    const button = attributes(match[1] ?? '');
    const name = button.get('name');
    if (name) buttons.set(name, [...(buttons.get(name) ?? []), button.get('value') ?? '']);
  }
  return {
    action: formTag.get('action') ?? '',
    method: (formTag.get('method') ?? 'get').toLowerCase(),
    fields,
    buttons,
  };
}

/** The error the page shows (decline message or the first field error), with its code when the page gives one. */
export function readPageError(page: string): { message: string; code?: string } | null {
  const field = /data-sandbox-field-error="([^"]*)"[^>]*>([^<]*)</.exec(page);
  if (field) return { code: field[1], message: decodeEntities(field[2] ?? '').trim() };
  const summary = /<p\b([^>]*data-sandbox-error[^>]*)>([^<]*)</.exec(page);
  if (!summary) return null;
  const code = /data-sandbox-error-code="([^"]*)"/.exec(summary[1] ?? '')?.[1];
  return { message: decodeEntities(summary[2] ?? '').trim(), ...(code ? { code } : {}) };
}
