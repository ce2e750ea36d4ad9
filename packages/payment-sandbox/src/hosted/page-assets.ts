import { createHash } from 'node:crypto';

// The hosted pages carry their own CSS and JS inline (no CDN, no external file), and the CSP allows exactly these two
// blocks by hash, so nothing else can run or style the page.

export const PAGE_STYLE = `
:root{--bg:#f6f8fa;--panel:#fff;--text:#1a1f36;--muted:#5b6478;--line:#d5dbe3;--accent:#4b3fd6;--accent-text:#fff;--error:#b3261e;--error-bg:#fdecea;--ok:#146c2e;--focus:#1f6feb;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#12151c;--panel:#1b2029;--text:#e8ebf1;--muted:#a9b1c1;--line:#363d4a;--accent:#8f86ff;--accent-text:#10121a;--error:#ffb4ab;--error-bg:#3b1714;--ok:#7fd796}}
*{box-sizing:border-box}
html{font-size:100%}
body{margin:0;background:var(--bg);color:var(--text);font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--panel);padding:.5rem 1rem}
.skip:focus{left:1rem;z-index:1}
.banner{margin:0;background:#ffde92;color:#3d2c00;text-align:center;font-size:.875rem;font-weight:600;padding:.375rem 1rem}
.layout{display:grid;gap:1.5rem;max-width:64rem;margin:0 auto;padding:1.5rem 1rem 3rem}
@media (min-width:56rem){.layout{grid-template-columns:1fr 1fr;gap:3rem;padding-top:3rem;align-items:start}}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:.75rem;padding:1.5rem}
h1{font-size:1.375rem;margin:0 0 1rem}
h2{font-size:1.125rem;margin:0 0 .75rem}
.back{display:inline-block;margin-bottom:1rem}
.total-due{margin:0 0 1.25rem;color:var(--muted)}
.total-due strong{display:block;color:var(--text);font-size:2rem;line-height:1.2}
.items{list-style:none;margin:0 0 1rem;padding:0}
.item{display:grid;grid-template-columns:2.75rem 1fr auto;gap:.75rem;align-items:start;padding:.625rem 0;border-bottom:1px solid var(--line)}
.thumb{display:grid;place-items:center;width:2.75rem;height:2.75rem;border-radius:.5rem;background:var(--bg);border:1px solid var(--line);font-weight:700;color:var(--muted)}
.item p{margin:0}
.meta{color:var(--muted);font-size:.875rem}
.totals{display:grid;grid-template-columns:1fr auto;gap:.375rem 0;margin:0}
.totals dt{color:var(--muted)}
.totals dd{margin:0;padding-left:1rem;text-align:right;font-variant-numeric:tabular-nums}
.totals .grand{font-weight:700;color:var(--text);border-top:1px solid var(--line);padding-top:.5rem}
fieldset{border:0;margin:0 0 1.25rem;padding:0;min-width:0}
legend{font-weight:600;margin-bottom:.5rem;padding:0}
label{display:block;font-size:.875rem;font-weight:500;margin:.75rem 0 .25rem}
input,select{width:100%;font:inherit;color:inherit;background:var(--panel);border:1px solid var(--line);border-radius:.375rem;padding:.625rem .75rem;min-height:2.75rem}
input[readonly]{background:var(--bg)}
input[aria-invalid=true],select[aria-invalid=true]{border-color:var(--error);box-shadow:0 0 0 1px var(--error)}
.row{display:grid;grid-template-columns:1fr 1fr;gap:.75rem}
.field-error{color:var(--error);font-size:.875rem;margin:.25rem 0 0}
.hint{color:var(--muted);font-size:.8125rem;margin:.25rem 0 0}
.choice{display:flex;gap:.75rem;align-items:center;border:1px solid var(--line);border-radius:.375rem;padding:.625rem .75rem;margin-top:.5rem;font-weight:400}
.choice input{width:auto;min-height:0}
.choice span:last-child{margin-left:auto}
.error-summary:not(:empty){background:var(--error-bg);color:var(--error);border:1px solid var(--error);border-radius:.5rem;padding:.75rem 1rem;margin-bottom:1rem}
.error-summary p{margin:0;font-weight:600}
.error-summary ul{margin:.5rem 0 0;padding-left:1.25rem}
.error-summary a{color:inherit}
button{font:inherit;cursor:pointer;border-radius:.375rem;min-height:2.75rem;padding:.75rem 1rem;width:100%;font-weight:600}
.primary{background:var(--accent);color:var(--accent-text);border:0;font-size:1.0625rem}
.secondary{background:transparent;color:var(--text);border:1px solid var(--line);margin-top:.75rem}
button[disabled]{opacity:.7;cursor:progress}
.secure{color:var(--muted);font-size:.8125rem;text-align:center;margin:.75rem 0 0}
details{margin-top:1.5rem;font-size:.875rem}
summary{cursor:pointer;font-weight:600}
table{border-collapse:collapse;width:100%;margin-top:.5rem}
th,td{text-align:left;padding:.375rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
pre{white-space:pre-wrap;word-break:break-word;margin:0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.875em}
.narrow{max-width:32rem;margin:3rem auto;padding:0 1rem}
.wide{max-width:80rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.wide .panel{margin-top:1.5rem;overflow-x:auto}
.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:.5rem 0}
.inline label{margin:0 0 .25rem}
.inline input,.inline select{width:auto;min-height:2.25rem;padding:.375rem .5rem}
.inline button,.small{width:auto;min-height:2.25rem;padding:.375rem .75rem;margin:0}
.controls{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr))}
.status-ok{color:var(--ok)}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
`;

export const PAGE_SCRIPT = `
(function(){
  var summary=document.getElementById('form-errors');
  if(summary&&summary.textContent.trim()!==''){summary.focus();}
  var number=document.getElementById('cardNumber');
  if(number){number.addEventListener('input',function(){
    var digits=number.value.replace(/\\D/g,'').slice(0,19);
    var amex=/^3[47]/.test(digits);
    var groups=amex?[4,6,5]:[4,4,4,4,3];
    var out=[],i=0;
    for(var g=0;g<groups.length&&i<digits.length;g++){out.push(digits.slice(i,i+groups[g]));i+=groups[g];}
    number.value=out.join(' ');
  });}
  var expiry=document.getElementById('cardExpiry');
  if(expiry){expiry.addEventListener('input',function(e){
    if(e.inputType&&e.inputType.indexOf('delete')===0)return;
    var d=expiry.value.replace(/\\D/g,'').slice(0,4);
    if(d.length===1&&d>'1')d='0'+d;
    expiry.value=d.length>2?d.slice(0,2)+' / '+d.slice(2):d.length===2?d+' / ':d;
  });}
  var payForm=document.querySelector('form[data-sandbox-form=payment]');
  var rates=document.querySelectorAll('input[name=shippingRate]');
  function money(minor){
    var exp=Number(payForm.getAttribute('data-exponent'));
    return new Intl.NumberFormat('en-US',{style:'currency',currency:payForm.getAttribute('data-currency')}).format(minor/Math.pow(10,exp));
  }
  for(var r=0;r<rates.length;r++){rates[r].addEventListener('change',function(e){
    var rate=e.currentTarget;
    var total=money(Number(payForm.getAttribute('data-items-total'))+Number(rate.getAttribute('data-amount')));
    var set=function(selector,text){var el=document.querySelectorAll(selector);for(var i=0;i<el.length;i++){el[i].textContent=text;}};
    set('[data-sandbox-total]',total);
    set('[data-sandbox-shipping]',money(Number(rate.getAttribute('data-amount'))));
    set('[data-sandbox-shipping-label]','Shipping ('+rate.getAttribute('data-name')+')');
    var pay=payForm.querySelector('button.primary');
    if(pay){pay.textContent=pay.getAttribute('data-verb')+' '+total;}
  });}
  var forms=document.querySelectorAll('form[data-sandbox-form]');
  for(var f=0;f<forms.length;f++){forms[f].addEventListener('submit',function(e){
    var form=e.currentTarget;
    if(form.getAttribute('data-submitted')){e.preventDefault();return;}
    form.setAttribute('data-submitted','1');
    form.setAttribute('aria-busy','true');
    var button=form.querySelector('button.primary');
    if(button){button.textContent='Processing\\u2026';}
  });}
})();
`;

const hashOf = (source: string) => `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
const STYLE_HASH = hashOf(PAGE_STYLE);
const SCRIPT_HASH = hashOf(PAGE_SCRIPT);

/**
 * The pages' Content-Security-Policy: only the sandbox itself. Forms may also be sent on to `formTargets` because
 * browsers apply `form-action` to the redirect that follows a form post (to the shop's success URL).
 */
export function contentSecurityPolicy(formTargets: readonly string[] = []): string {
  const targets = ["'self'", ...new Set(formTargets)].join(' ');
  return [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    `script-src ${SCRIPT_HASH}`,
    "img-src 'self' data:",
    `form-action ${targets}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
