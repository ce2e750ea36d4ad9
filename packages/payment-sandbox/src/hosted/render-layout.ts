import { markup, SafeHtml } from '../lib/html.js';
import { PAGE_SCRIPT, PAGE_STYLE } from './page-assets.js';

// Inserted verbatim: the CSP allows these exact bytes by hash.
const STYLE = new SafeHtml(PAGE_STYLE);
const SCRIPT = new SafeHtml(PAGE_SCRIPT);

/** Wraps page content in the shared document: test-mode banner, inline style and the progressive-enhancement script. */
export function renderDocument(title: string, body: SafeHtml): string {
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<p class="banner" role="note">Test mode: this is the Mercato payment sandbox. No real card is charged.</p>
${body}
<script>${SCRIPT}</script>
</body>
</html>
`.value;
}
