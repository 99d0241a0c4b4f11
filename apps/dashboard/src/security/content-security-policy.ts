/**
 * The dashboard's Content-Security-Policy (set per request by proxy.ts). Scripts run only with the
 * request's nonce (Next.js puts it on its own scripts) and what they load (`'strict-dynamic'`); no
 * plugin, no foreign base URL, forms post only to the dashboard itself, and no other site may frame
 * it (`frame-ancestors 'none'`, clickjacking). Styles allow inline `style` attributes: the charts
 * (recharts) set them on SVG elements, and a style cannot run code.
 */
export function contentSecurityPolicy(options: { nonce: string; dev?: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

/** Other response headers every page carries. */
export function securityHeaders(https: boolean): Record<string, string> {
  return {
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    ...(https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}
