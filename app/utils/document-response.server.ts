/**
 * The response of a rendered page, with its HTML kept as bytes (decision 012).
 *
 * A `Response` made from bytes wraps them in a web ReadableStream at once, and
 * Remix's Express adapter then reads that stream chunk by chunk into the socket
 * (chunked encoding, an extra write for the end). On Node 20 building a web
 * stream is costly, and every page paid for it. Our server (server.ts) asks
 * `documentBytes()` for the bytes and sends them in one write with a
 * Content-Length; anything else reading this response (the in-process tests,
 * Remix itself) gets an ordinary body, made the first time it is asked for.
 */
const bytesOf = new WeakMap<Response, Buffer<ArrayBuffer>>();

class DocumentResponse extends Response {
  #html: Buffer<ArrayBuffer>;
  #full: Response | undefined;

  constructor(html: Buffer<ArrayBuffer>, init: ResponseInit) {
    super(null, init);
    this.#html = html;
    bytesOf.set(this, html);
  }

  /** The same response with a real body: built on first use of any body accessor. */
  #withBody() {
    bytesOf.delete(this);
    return (this.#full ??= new Response(this.#html, { status: this.status, statusText: this.statusText, headers: this.headers }));
  }

  override get body() {
    return this.#withBody().body;
  }
  override get bodyUsed() {
    return this.#full?.bodyUsed ?? false;
  }
  override text() {
    return this.#withBody().text();
  }
  override json() {
    return this.#withBody().json();
  }
  override arrayBuffer() {
    return this.#withBody().arrayBuffer();
  }
  override blob() {
    return this.#withBody().blob();
  }
  override formData() {
    return this.#withBody().formData();
  }
  override clone(): Response {
    return new DocumentResponse(this.#html, { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) });
  }
}

export function documentResponse(html: Buffer<ArrayBuffer>, init: ResponseInit): Response {
  return new DocumentResponse(html, init);
}

/** The page's bytes when nothing has read its body yet; otherwise undefined (send the body as usual). */
export function documentBytes(response: Response): Buffer<ArrayBuffer> | undefined {
  return bytesOf.get(response);
}
