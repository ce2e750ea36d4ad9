import sharp from 'sharp';

/**
 * A simple, pleasant product picture drawn locally (nothing is downloaded): a two-colour gradient with a few
 * shapes whose layout is derived from the product's position, rendered to PNG for the normal upload path.
 */
export async function drawDemoImage(colors: [string, string], seed: number, size = 1200): Promise<Buffer> {
  const [from, to] = colors;
  const angle = (seed * 47) % 360;
  const cx = 300 + ((seed * 131) % 600);
  const cy = 300 + ((seed * 197) % 600);
  const radius = 180 + ((seed * 53) % 220);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 1200 1200">
  <defs>
    <linearGradient id="g" gradientTransform="rotate(${angle} .5 .5)">
      <stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/>
    </linearGradient>
  </defs>
  <rect width="1200" height="1200" fill="url(#g)"/>
  <circle cx="${cx}" cy="${cy}" r="${radius}" fill="#ffffff" fill-opacity="0.28"/>
  <rect x="${1200 - cx - 150}" y="${1200 - cy - 150}" width="300" height="300" rx="48" fill="#ffffff" fill-opacity="0.22" transform="rotate(${angle / 4} 600 600)"/>
  <circle cx="${1200 - cy}" cy="${cx}" r="${radius / 3}" fill="${from}" fill-opacity="0.35"/>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
