import { defuseEmailHtml, PARKED_STYLE_ATTRIBUTE } from './defuse-email-html.js';

const HTML_NS = 'http://www.w3.org/1999/xhtml';
/** Removed together with everything inside them: active content, forms, metadata, foreign markup. */
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form',
  'input', 'button', 'select', 'textarea', 'option', 'svg', 'math', 'link', 'meta', 'base', 'title', 'head', 'audio',
  'video', 'source', 'track', 'canvas', 'dialog', 'portal',
]); // prettier-ignore
/** Copied as elements; any other element is unwrapped (its content kept). */
const KEPT = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'center', 'code', 'col', 'colgroup', 'dd', 'div', 'dl', 'dt',
  'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'li', 'ol', 'p', 'pre', 's', 'small', 'span',
  'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
]); // prettier-ignore
/** Presentational attributes only: no event handlers, no ids/classes that could collide, no URLs but checked ones. */
const ATTRIBUTES = new Set([
  'align', 'alt', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'color', 'colspan', 'dir', 'height', 'lang',
  'rowspan', 'title', 'valign', 'width',
]); // prettier-ignore
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const DATA_IMAGE = /^data:image\/(png|gif|jpeg|webp);base64,[a-z0-9+/=\s]+$/i;
// Anything that would fetch (and be refused by the CSP with a console error) or run: dropped per declaration.
const UNSAFE_CSS_VALUE = /url\s*\(|image-set\s*\(|expression\s*\(|@import/i;

function copyStyle(source: Element, target: HTMLElement): void {
  const raw = source.getAttribute(PARKED_STYLE_ATTRIBUTE);
  if (!raw) return;
  // Parsed by the CSSOM (allowed by the CSP), then copied declaration by declaration, dropping unsafe values.
  const probe = target.ownerDocument.createElement('div');
  probe.style.cssText = raw;
  for (const name of Array.from(probe.style)) {
    const value = probe.style.getPropertyValue(name);
    if (UNSAFE_CSS_VALUE.test(value)) continue;
    target.style.setProperty(name, value, probe.style.getPropertyPriority(name));
  }
}

function copyLink(source: Element, target: HTMLElement): void {
  const href = source.getAttribute('href');
  if (!href) return;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return; // relative or malformed: meaningless outside the email client
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return;
  target.setAttribute('href', url.href);
  target.setAttribute('target', '_blank');
  target.setAttribute('rel', 'noopener noreferrer');
}

function copyNode(node: Node, doc: Document): Node[] {
  if (node.nodeType === Node.TEXT_NODE) return [doc.createTextNode(node.textContent ?? '')];
  if (!(node instanceof Element) || node.namespaceURI !== HTML_NS) return [];
  const tag = node.localName;
  if (DROPPED.has(tag)) return [];
  const children = Array.from(node.childNodes).flatMap((child) => copyNode(child, doc));
  if (!KEPT.has(tag)) return children;
  if (tag === 'img' && !DATA_IMAGE.test(node.getAttribute('src') ?? '')) {
    // Remote images would be refused by the CSP (and could track the reader): show their alt text instead.
    const alt = node.getAttribute('alt');
    return alt ? [doc.createTextNode(`[${alt}]`)] : [];
  }
  const copy = doc.createElement(tag);
  for (const attribute of Array.from(node.attributes)) {
    if (ATTRIBUTES.has(attribute.name)) copy.setAttribute(attribute.name, attribute.value);
  }
  if (tag === 'img') copy.setAttribute('src', node.getAttribute('src') ?? '');
  if (tag === 'a') copyLink(node, copy);
  copyStyle(node, copy);
  copy.append(...children);
  return [copy];
}

/**
 * Renders untrusted email HTML into `body` (of a sandboxed frame without scripts) by rebuilding it from an
 * allowlist: only known elements and presentational attributes, http(s)/mailto links opening in a new tab,
 * embedded images only, inline styles through the CSSOM minus anything that loads a resource. Nothing the CSP
 * would refuse is ever created, so the page logs no violations.
 */
export function renderSafeEmail(html: string, body: HTMLElement): void {
  // DOMParser documents are inert: nothing in them runs or loads.
  const parsed = new DOMParser().parseFromString(defuseEmailHtml(html), 'text/html');
  const doc = body.ownerDocument;
  body.replaceChildren(...Array.from(parsed.body.childNodes).flatMap((child) => copyNode(child, doc)));
  body.removeAttribute('style');
  copyStyle(parsed.body, body);
}
