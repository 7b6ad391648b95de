/**
 * What each main page ships (decision 028), for `npm run bench`: the page as a
 * browser with JavaScript would load it, cold: the HTML (brotli, as sent), the
 * stylesheets and every script the page names (`/build/…js`: modulepreload
 * links and the inline module script's imports), each counted raw, gzip and
 * brotli as the server sends them (pre-compressed). Then the budget: a row over
 * it fails the bench's budget check (exit code 1, after the tables), not the
 * test suite. The budgets come from the measurements in decision 028.
 */
import http from "node:http";
import zlib from "node:zlib";

type Role = "student" | "se" | "instructor" | null;
/**
 * `jsGzipKB`: a page's own JS budget where its role's does not fit what it does (said beside the page in run.ts).
 * `lazy`: also count, apart, the scripts the page imports on demand (`import("/build/…")`, and what those import):
 * the studio lesson page's visual editor (decision 038). The budget is the page's first load.
 */
export type WeightPage = { name: string; path: string; as: Role; public?: boolean; jsGzipKB?: number; lazy?: boolean };

/** JavaScript (gzip KB) a page may ship: public pages, which a newcomer meets first, are held tighter. */
export const BUDGET = {
  // 121 since issue 19 (lead, measured with BENCH_ROUTES="page weight"): signup 119.6 → 120.6 KB with no change
  // to its own code: Remix's route manifest, which every page loads, grew 0.24 KB gzip with the five new routes
  // (reviews, notifications), the header's notification bell 0.35 KB, and esbuild's re-split shared chunks the rest.
  publicJsGzipKB: 121,
  signedInJsGzipKB: 230,
  /** HTML + CSS compressed, JS off (issue 17: every page but the API docs under 60 KB). */
  htmlCssKB: 60,
};

type Fetched = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

function get(url: string, headers: Record<string, string>): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

const decode = (r: Fetched) =>
  r.headers["content-encoding"] === "br" ? zlib.brotliDecompressSync(r.body) : r.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(r.body) : r.body;

/** Bytes of one asset: raw, and as sent to a gzip-only and to a brotli client. */
async function assetSizes(base: string, path: string, memo: Map<string, { raw: number; gzip: number; br: number }>) {
  const known = memo.get(path);
  if (known) return known;
  const [raw, gzip, br] = await Promise.all([get(`${base}${path}`, {}), get(`${base}${path}`, { "Accept-Encoding": "gzip" }), get(`${base}${path}`, { "Accept-Encoding": "br" })]);
  const sizes = { raw: raw.body.length, gzip: gzip.body.length, br: br.body.length };
  memo.set(path, sizes);
  return sizes;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

/** The scripts the page's route modules load on demand (dynamic imports) and what those import statically, minus `scripts`. */
async function lazyScripts(base: string, scripts: string[]) {
  const seen = new Set(scripts);
  const found: string[] = [];
  const text = async (path: string) => decode(await get(`${base}${path}`, {})).toString();
  const queue: string[] = [];
  // The route modules' own imports (entry.client's on-demand Sentry SDK is every page's, and only with a DSN).
  for (const s of scripts.filter((path) => path.startsWith("/build/routes/"))) for (const m of (await text(s)).matchAll(/import\("(\/build\/[^"]+\.js)"\)/g)) queue.push(m[1]);
  while (queue.length) {
    const s = queue.shift()!;
    if (seen.has(s)) continue;
    seen.add(s);
    found.push(s);
    for (const m of (await text(s)).matchAll(/(?:from|import)\s*"(\/build\/[^"]+\.js)"/g)) queue.push(m[1]);
  }
  return found;
}

export async function pageWeights(base: string, pages: WeightPage[], cookies: Record<"student" | "se" | "instructor", string>) {
  const memo = new Map<string, { raw: number; gzip: number; br: number }>();
  const rows: Record<string, string | number>[] = [];
  const over: string[] = [];
  for (const page of pages) {
    const headers: Record<string, string> = { Accept: "text/html", "Accept-Encoding": "br", ...(page.as ? { Cookie: cookies[page.as] } : {}) };
    const response = await get(`${base}${page.path}`, headers);
    if (response.status !== 200) {
      over.push(`${page.name}: ${page.path} answered ${response.status}`);
      continue;
    }
    const html = decode(response).toString();
    const scripts = [...new Set([...html.matchAll(/\/build\/[^"'\s)]+\.js/g)].map((m) => m[0]))];
    const styles = [...new Set([...html.matchAll(/<link rel="stylesheet" href="(\/build\/[^"]+\.css)"/g)].map((m) => m[1]))];
    const js = { raw: 0, gzip: 0, br: 0 };
    for (const s of scripts) {
      const sizes = await assetSizes(base, s, memo);
      js.raw += sizes.raw;
      js.gzip += sizes.gzip;
      js.br += sizes.br;
    }
    let css = 0;
    for (const s of styles) css += (await assetSizes(base, s, memo)).br;
    const onDemand = { files: 0, gzip: 0 };
    if (page.lazy) {
      for (const s of await lazyScripts(base, scripts)) {
        onDemand.files += 1;
        onDemand.gzip += (await assetSizes(base, s, memo)).gzip;
      }
    }
    const zod = await Promise.all(scripts.map((s) => get(`${base}${s}`, {}).then((r) => r.body.includes("$ZodType"))));
    const budget = page.jsGzipKB ?? (page.public ? BUDGET.publicJsGzipKB : BUDGET.signedInJsGzipKB);
    const htmlCss = response.body.length + css;
    const ok = kb(js.gzip) <= budget && kb(htmlCss) <= BUDGET.htmlCssKB;
    if (!ok) over.push(`${page.name}: JS ${kb(js.gzip)} KB gzip (budget ${budget}), HTML+CSS ${kb(htmlCss)} KB (budget ${BUDGET.htmlCssKB})`);
    rows.push({
      page: page.name,
      "JS files": scripts.length,
      "JS KB raw": kb(js.raw),
      "JS KB gzip": kb(js.gzip),
      "JS KB br": kb(js.br),
      Zod: zod.some(Boolean) ? "yes" : "-",
      "HTML KB raw": kb(Buffer.byteLength(html)),
      "HTML+CSS KB br": kb(htmlCss),
      "JS budget gzip": `≤ ${budget}`,
      "on demand JS KB gzip": page.lazy ? `${kb(onDemand.gzip)} (${onDemand.files} file${onDemand.files === 1 ? "" : "s"})` : "-",
      within: ok ? "yes" : "NO",
    });
  }
  return { rows, over };
}
