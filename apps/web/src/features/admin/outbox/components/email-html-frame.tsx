import { useEffect, useRef, useState } from 'react';
import { renderSafeEmail } from '../utils/render-safe-email.js';

const MIN_HEIGHT = 160;

/**
 * An email's HTML in a sandboxed frame: no `allow-scripts`, so nothing in it can ever run; `allow-same-origin` only
 * so this page can write the sanitised content in and measure it; links open in a new tab. The frame grows to the
 * email's height so the page scrolls, not the frame.
 */
export function EmailHtmlFrame({ html, title }: { html: string; title: string }) {
  const frameRef = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(MIN_HEIGHT);

  useEffect(() => {
    const doc = frameRef.current?.contentDocument;
    if (!doc) return;
    renderSafeEmail(html, doc.body);
    const root = doc.documentElement;
    const measure = () => setHeight(Math.max(MIN_HEIGHT, Math.ceil(root.getBoundingClientRect().height)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    return () => observer.disconnect();
  }, [html]);

  return (
    <iframe
      ref={frameRef}
      title={title}
      sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      className="block w-full rounded-md border border-slate-200 bg-white"
      style={{ height }}
    />
  );
}
