import { describe, expect, it } from 'vitest';
import { defuseEmailHtml } from './defuse-email-html.js';

describe('defuseEmailHtml', () => {
  it('when tags carry style attributes in any quoting or case, then each is renamed and its value kept', () => {
    const html = `<p style="margin:0">a</p><div STYLE='color:red' id=x><span style=color:blue>b</span></div>`;

    expect(defuseEmailHtml(html)).toBe(
      `<p data-mercato-style="margin:0">a</p><div data-mercato-style='color:red' id=x><span data-mercato-style=color:blue>b</span></div>`,
    );
  });

  it('when tags carry event handler attributes, then they are removed whatever their quoting', () => {
    const html = `<body onload="steal()"><img src=x ONERROR=alert(1) alt="a"><p onclick='go()'>t</p></body>`;

    expect(defuseEmailHtml(html)).toBe(`<body><img src=x alt="a"><p>t</p></body>`);
  });

  it('when the email has <style> elements, then they are removed with their content, even unterminated', () => {
    const html = `<head><style type="text/css">p{color:red}</style ></head><p>kept</p><STYLE>a{}`;

    expect(defuseEmailHtml(html)).toBe(`<head></head><p>kept</p>`);
  });

  it('when "style=" or "onclick=" appears in text or inside another attribute value, then it is left alone', () => {
    const html = `<p title="style=&quot;x&quot; onclick='y'">write style="bold" onclick=go here</p>`;

    expect(defuseEmailHtml(html)).toBe(html);
  });

  it('when a quoted attribute value contains ">", then a style attribute after it is still renamed', () => {
    const html = `<a title="a > b" style="color:red" href="/x">go</a>`;

    expect(defuseEmailHtml(html)).toBe(`<a title="a > b" data-mercato-style="color:red" href="/x">go</a>`);
  });

  it('when attribute names merely contain "style", then they are not renamed', () => {
    const html = `<div data-style="x" stylesheet="y" xstyle="z"></div>`;

    expect(defuseEmailHtml(html)).toBe(html);
  });

  it('when the email is a full document with a doctype and comments, then only start tags change', () => {
    const html = `<!doctype html><html><!-- style="x" --><body style="padding:24px"></body></html>`;

    expect(defuseEmailHtml(html)).toBe(
      `<!doctype html><html><!-- style="x" --><body data-mercato-style="padding:24px"></body></html>`,
    );
  });
});
