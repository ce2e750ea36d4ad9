import { options } from 'preact';

/**
 * An <img>'s props with `src` moved last. Preact sets an element's props in the order they are written; React DOM
 * sets an image's `src` after everything else, because some browsers (Safari, Firefox) start fetching as soon as
 * `src` is set: before `srcset`, `sizes` and `loading` are there, a phone would fetch the fallback rendition as well
 * as the one the srcset picks, and a lazy image would load at once. The app was written for React's order.
 */
export function srcLast<P extends object>(props: P): P {
  if (!('src' in props)) return props;
  const { src, ...rest } = props as P & { src: unknown };
  return { ...rest, src } as P;
}

/** Every <img> the app renders gets its `src` last, as under React (called once, before the first render). */
export function installImagePropOrder(): void {
  const previous = options.vnode;
  options.vnode = (vnode) => {
    if (vnode.type === 'img' && vnode.props) vnode.props = srcLast(vnode.props);
    previous?.(vnode);
  };
}
