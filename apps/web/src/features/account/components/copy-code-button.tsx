import { useEffect, useState } from 'react';
import { Button } from '../../../components/ui/button.js';
import { useToast } from '../../../components/ui/toast-context.js';

const COPIED_MS = 2_000;

/**
 * Copies a code to the clipboard. Where the browser refuses (no permission, an insecure origin), the code is
 * selected instead so Ctrl+C / ⌘C copies it.
 */
export function CopyCodeButton({ code, codeElementId }: { code: string; codeElementId: string }) {
  const toast = useToast();
  const [isCopied, setIsCopied] = useState(false);

  useEffect(() => {
    if (!isCopied) return;
    const timer = setTimeout(() => setIsCopied(false), COPIED_MS);
    return () => clearTimeout(timer);
  }, [isCopied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setIsCopied(true);
      toast.show({ title: `${code} copied`, description: 'Paste it in the code field at checkout.', tone: 'success' });
    } catch {
      const element = document.getElementById(codeElementId);
      if (element) window.getSelection()?.selectAllChildren(element);
      toast.show({ title: `${code} selected`, description: 'Press Ctrl+C (⌘C on a Mac) to copy it.' });
    }
  }

  return (
    <Button variant="secondary" size="sm" onClick={() => void copy()}>
      {isCopied ? 'Copied' : 'Copy'}
      <span className="sr-only"> code {code}</span>
    </Button>
  );
}
