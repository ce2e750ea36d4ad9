/** Where an email's `style` attribute is parked while its HTML is parsed (see `defuseEmailHtml`). */
export const PARKED_STYLE_ATTRIBUTE = 'data-mercato-style';

// A start tag: `<name`, then attributes whose quoted values may contain `>`, then `>`.
const START_TAG = /<[a-zA-Z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>/g;
// One attribute inside a start tag: whitespace, a name, and optionally `= value` (quoted or bare).
const ATTRIBUTE = /(\s+)([^\s"'>/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
// A <style> element: its content is raw text that ends at the first `</style`, exactly as the HTML parser reads it.
const STYLE_ELEMENT = /<style\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?(?:<\/style\s*>|$)/gi;

/**
 * Prepares untrusted email HTML for parsing in this page. The app's CSP forbids inline styles and inline event
 * handlers, and the browser checks that the moment such HTML is parsed, even into an inert DOMParser document,
 * logging a violation each time. So `<style>` elements and `on…` attributes are removed (the viewer would drop
 * them anyway) and `style` attributes are renamed to `data-mercato-style`, to be applied later through the CSSOM,
 * which the CSP allows. Anything this misses is still blocked by the CSP, never run: the cost is a console entry.
 */
export function defuseEmailHtml(html: string): string {
  return html.replace(STYLE_ELEMENT, '').replace(START_TAG, (tag) =>
    tag.replace(ATTRIBUTE, (match, space: string, name: string, value: string | undefined) => {
      const lowerName = name.toLowerCase();
      if (lowerName.startsWith('on')) return '';
      return lowerName === 'style' ? `${space}${PARKED_STYLE_ATTRIBUTE}${value ?? ''}` : match;
    }),
  );
}
