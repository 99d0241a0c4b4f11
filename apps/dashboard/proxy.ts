import { type NextRequest, NextResponse } from 'next/server';
import { dashboardConfig } from './src/config/dashboard-config';
import { contentSecurityPolicy, securityHeaders } from './src/security/content-security-policy';

/**
 * Runs before every page: a fresh CSP nonce per request (Next.js reads it from the request's
 * Content-Security-Policy header and puts it on its scripts; every page renders dynamically, see
 * app/layout.tsx) and the security headers (HSTS when DASHBOARD_PUBLIC_URL, the address browsers
 * use, is https).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const { https, development } = dashboardConfig();
  const csp = contentSecurityPolicy({ nonce, dev: development });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  for (const [name, value] of Object.entries(securityHeaders(https))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: static assets carry no inline code.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
