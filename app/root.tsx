import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "./components/error-boundary.tsx";
import { useNonce } from "./components/nonce.tsx";
import { SiteHeader } from "./components/site-header.tsx";
import { ToastMessage } from "./components/toast.tsx";
import { VerifyEmailBanner } from "./components/verify-email-banner.tsx";
import interLatin from "@fontsource-variable/inter/files/inter-latin-wght-normal.woff2";
import fontStylesheet from "./font.css";
import stylesheet from "./tailwind.css";
import { getOptionalUser } from "./utils/auth.server.ts";
import { getEnv } from "./utils/env.server.ts";
import { getToast } from "./utils/toast.server.ts";
import { unreadCount } from "./modules/notifications/notifications.server.ts";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export const links: LinksFunction = () => [
  // The brand font (font.css, decision 028), fetched with the stylesheets rather than after them.
  { rel: "preload", href: interLatin, as: "font", type: "font/woff2", crossOrigin: "anonymous" },
  { rel: "stylesheet", href: fontStylesheet },
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Sentry Academy" },
  { name: "description", content: "Learn observability, monitoring and error handling with Sentry." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, { toast, headers }] = await Promise.all([getOptionalUser(request), getToast(request)]);
  const env = getEnv();
  // The header's notification badge: one indexed count, for signed-in users only.
  const unread = user ? await unreadCount(user.id) : 0;
  return data(
    {
      user,
      unread,
      toast,
      // Only public, non-secret settings ever reach the browser.
      publicEnv: { SENTRY_DSN: env.SENTRY_DSN ?? null, SENTRY_ENVIRONMENT: env.SENTRY_ENVIRONMENT ?? env.NODE_ENV },
    },
    { headers },
  );
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  // Inline scripts run only with this response's Content-Security-Policy nonce (security-headers.server.ts).
  const nonce = useNonce();
  // The customer portal (a share link, no login) is co-branded: no Academy header, navigation or footer, even for a signed-in SE.
  const customerPortal = useMatches().some((m) => (m.handle as { customerPortal?: boolean } | undefined)?.customerPortal && m.data);
  return (
    <html lang="en" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
          Skip to content
        </a>
        {customerPortal ? null : <SiteHeader user={root?.user ?? null} unread={root?.unread ?? 0} />}
        {root?.user && !root.user.emailVerified && !customerPortal ? <VerifyEmailBanner email={root.user.email} /> : null}
        <ToastMessage toast={root?.toast ?? null} />
        {/* The customer portal brings its own co-branded header, main and footer (components/poc/customer/shell.tsx). */}
        {customerPortal ? children : <Main>{children}</Main>}
        {customerPortal ? null : <Footer />}
        <script
          nonce={nonce}
          // Public settings for the browser SDK; never secrets.
          dangerouslySetInnerHTML={{ __html: `window.ENV=${JSON.stringify(root?.publicEnv ?? {}).replace(/</g, "\\u003c")}` }}
        />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Footer() {
  return (
    <footer className="border-t border-ink-300/50 bg-white/60">
      <div className="mx-auto flex max-w-6xl flex-wrap justify-between gap-2 px-4 py-6 text-sm text-ink-700">
        <p>Sentry Academy: learn to see what your software is doing.</p>
        <p>
          Works with JavaScript off. <Link to="/privacy">Privacy and data</Link>
        </p>
      </div>
    </footer>
  );
}

function Main({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none">
      {children}
    </main>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
