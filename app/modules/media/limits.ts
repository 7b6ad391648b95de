/**
 * What each kind of upload may be, defined once (decision 035): the types its
 * content may sniff as, its largest size, the file picker's `accept` text and
 * the limit as people read it next to the field. The server's checks
 * (inspect.server.ts, the tus endpoint, the multipart handler) and the studio's
 * forms read this table. No Zod: the studio's upload panel ships it to the browser.
 */
const MEDIA_KINDS = ["VIDEO", "CAPTIONS", "POSTER", "RESOURCE", "IMAGE"] as const;
export type MediaKindName = (typeof MEDIA_KINDS)[number];

const MB = 1024 * 1024;
const GB = 1024 * MB;

export type KindLimits = {
  /** Content types the sniffed content may have (text kinds are recognised by inspect.server.ts). */
  types: readonly string[];
  maxBytes: number;
  /** The file picker's `accept` attribute: a hint for the picker, never the check. */
  accept: string;
  /** The limit as shown next to the field. */
  limitText: string;
  /** What one file of this kind is, in a sentence ("a video", "captions"). */
  noun: string;
};

const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif", "image/svg+xml"] as const;

export const KIND_LIMITS: Readonly<Record<MediaKindName, KindLimits>> = {
  VIDEO: {
    types: ["video/mp4", "video/quicktime", "video/webm", "video/x-matroska", "video/x-m4v"],
    maxBytes: 2 * GB,
    accept: "video/mp4,video/quicktime,video/webm,video/x-matroska,.mp4,.m4v,.mov,.webm,.mkv",
    limitText: "MP4, MOV, WebM or MKV, up to 2 GB",
    noun: "a video",
  },
  CAPTIONS: {
    types: ["text/vtt"],
    maxBytes: 2 * MB,
    accept: ".vtt,.srt,text/vtt",
    limitText: "WebVTT (.vtt) or SubRip (.srt, converted to WebVTT), UTF-8, up to 2 MB",
    noun: "captions",
  },
  POSTER: {
    types: ["image/jpeg", "image/png", "image/webp"],
    maxBytes: 10 * MB,
    accept: "image/jpeg,image/png,image/webp",
    limitText: "JPEG, PNG or WebP, up to 10 MB",
    noun: "a poster image",
  },
  RESOURCE: {
    types: ["application/pdf", "application/zip", ...IMAGE_TYPES, "text/plain"],
    maxBytes: 100 * MB,
    accept: ".pdf,.zip,.png,.jpg,.jpeg,.webp,.gif,.svg,.txt,.md,.csv,.json,.yaml,.yml,.js,.ts,.tsx,.jsx,.py,.rb,.go,.java,.php,.sh,.sql",
    limitText: "PDF, zip, image or a text/code file, up to 100 MB",
    noun: "a resource",
  },
  IMAGE: {
    types: IMAGE_TYPES,
    maxBytes: 10 * MB,
    accept: "image/jpeg,image/png,image/webp,image/gif,image/svg+xml",
    limitText: "JPEG, PNG, WebP, GIF or SVG, up to 10 MB",
    noun: "an image",
  },
};

export function isMediaKind(value: unknown): value is MediaKindName {
  return typeof value === "string" && (MEDIA_KINDS as readonly string[]).includes(value);
}

/** The largest upload of any kind (the tus endpoint's and the multipart route's outer bound). */
export const MAX_MEDIA_BYTES = Math.max(...Object.values(KIND_LIMITS).map((k) => k.maxBytes));

/** A plain upload's largest request body: the largest file plus the form's envelope (request-guard.server.ts lets it through). */
export const MAX_MEDIA_BODY_BYTES = MAX_MEDIA_BYTES + 64 * 1024;

/** Bytes as people read them: "1.5 MB", "820 KB", "2 GB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || Number.isInteger(value) ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** The kinds people see in the studio, by name. */
export const KIND_LABELS: Readonly<Record<MediaKindName, string>> = {
  VIDEO: "Video",
  CAPTIONS: "Captions",
  POSTER: "Poster",
  RESOURCE: "Resource",
  IMAGE: "Image",
};
