/** Certificates: public verification by id, revocation by admins, and the PDF. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { prisma } from "~/utils/db.server.ts";
import { query, sql } from "~/utils/sql.server.ts";
import { formatLongDay } from "~/utils/dates.ts";

export async function getCertificate(id: string) {
  return prisma.certificate.findUnique({
    where: { id },
    select: {
      id: true,
      verificationCode: true,
      learnerName: true,
      courseTitle: true,
      issuedAt: true,
      revokedAt: true,
      revokedReason: true,
      userId: true,
      courseId: true,
      course: { select: { slug: true, estimatedMinutes: true } },
    },
  });
}

/**
 * LinkedIn's "Add to profile" link for a certification (its documented
 * `profile/add?startTask=CERTIFICATION_NAME` form): the course as the name, the Academy as
 * the organisation, the month it was issued, and the public verification page and code.
 */
export function linkedInAddUrl(cert: { courseTitle: string; issuedAt: Date; verificationCode: string }, certUrl: string) {
  const params = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: cert.courseTitle,
    organizationName: "Sentry Academy",
    issueYear: String(cert.issuedAt.getUTCFullYear()),
    issueMonth: String(cert.issuedAt.getUTCMonth() + 1),
    certUrl,
    certId: cert.verificationCode,
  });
  return `https://www.linkedin.com/profile/add?${params}`;
}

/** The course that follows this one in a learning path, one the learner hasn't finished (null when none). */
export async function nextCourseAfter(courseId: string, userId: string) {
  const [next] = await query<{ slug: string; title: string; path: string }>(sql`
    SELECT c.slug, c.title, p.title AS path
      FROM "LearningPathCourse" here
      JOIN "LearningPath" p ON p.id = here."pathId"
      JOIN "LearningPathCourse" after ON after."pathId" = here."pathId" AND after.position > here.position
      JOIN "Course" c ON c.id = after."courseId" AND c.status = 'PUBLISHED'
     WHERE here."courseId" = ${courseId}
       AND NOT EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."userId" = ${userId} AND e."courseId" = c.id AND e."completedAt" IS NOT NULL)
     ORDER BY after.position - here.position, p.title
     LIMIT 1`);
  return next ?? null;
}

export async function revokeCertificate(id: string, reason: string) {
  return prisma.certificate.update({ where: { id }, data: { revokedAt: new Date(), revokedReason: reason } });
}

export async function restoreCertificate(id: string) {
  return prisma.certificate.update({ where: { id }, data: { revokedAt: null, revokedReason: null } });
}


type CertificateForPdf = NonNullable<Awaited<ReturnType<typeof getCertificate>>>;

const INK = "#140f1f";
const MUTED = "#3e3160";
const BRAND = "#5b2dbf";
const BRAND_LIGHT = "#c4b2ff";

/**
 * The brand font, embedded (subset) in the PDF: static Inter from `@fontsource/inter`
 * (pdfkit's fontkit can't subset the variable woff2 of `@fontsource-variable/inter`).
 * Built-in Helvetica when the package isn't installed.
 */
function brandFonts(): { regular: Buffer; semibold: Buffer; bold: Buffer } | null {
  try {
    const require = createRequire(import.meta.url);
    const file = (weight: number) => readFileSync(require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`));
    return { regular: file(400), semibold: file(600), bold: file(700) };
  } catch {
    return null;
  }
}
let fonts: ReturnType<typeof brandFonts> | undefined;

/** The Academy mark (favicon.svg): a rounded square in the brand gradient with a white "S", as vectors. */
function drawLogo(doc: PDFKit.PDFDocument, x: number, y: number, size: number, boldFont: string) {
  const gradient = doc.linearGradient(x, y, x + size, y + size).stop(0, "#6c3ee0").stop(1, "#e1567c");
  doc.roundedRect(x, y, size, size, size / 4).fill(gradient);
  doc.font(boldFont).fontSize(size * 0.55).fillColor("#ffffff");
  const h = doc.currentLineHeight();
  doc.text("S", x, y + (size - h) / 2 + size * 0.03, { width: size, align: "center", lineBreak: false });
}

/** A QR code as vector squares (no image), `size` points wide, quiet zone included. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const quiet = 2;
  const cell = size / (modules.size + quiet * 2);
  doc.rect(x, y, size, size).fill("#ffffff");
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fill(INK);
}

/**
 * A one-page landscape A4 certificate: the Academy mark, the learner and the course
 * centred on the page (every line is laid out across the full width between equal
 * margins, so the centre is the page's), the issue date and verification code either
 * side of a QR code that opens the public verification page, and that page's URL.
 */
export function certificatePdf(cert: CertificateForPdf, verifyUrl: string): Promise<Buffer> {
  fonts ??= brandFonts();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: "A4",
      layout: "landscape",
      margin: 0,
      info: { Title: `Certificate: ${cert.courseTitle}`, Author: "Sentry Academy", Subject: `${cert.learnerName} completed ${cert.courseTitle}. Verify at ${verifyUrl}` },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    if (fonts) {
      doc.registerFont("Body", fonts.regular);
      doc.registerFont("Semibold", fonts.semibold);
      doc.registerFont("Bold", fonts.bold);
    }
    const body = fonts ? "Body" : "Helvetica";
    const semibold = fonts ? "Semibold" : "Helvetica-Bold";
    const bold = fonts ? "Bold" : "Helvetica-Bold";
    const { width, height } = doc.page;
    const side = 72;
    const centred = (text: string, y: number, font: string, size: number, color: string, options: PDFKit.Mixins.TextOptions = {}) => {
      doc.font(font).fontSize(size).fillColor(color).text(text, side, y, { width: width - side * 2, align: "center", ...options });
      return doc.y;
    };

    // Frame: a brand border and a fine inner rule, both symmetric about the page centre.
    doc.rect(20, 20, width - 40, height - 40).lineWidth(4).stroke(BRAND);
    doc.rect(30, 30, width - 60, height - 60).lineWidth(0.75).stroke(BRAND_LIGHT);

    const logo = 44;
    drawLogo(doc, (width - logo) / 2, 66, logo, bold);
    centred("SENTRY ACADEMY", 120, semibold, 11, BRAND, { characterSpacing: 4 });
    centred("Certificate of completion", 150, body, 34, INK);
    centred("This certifies that", 222, body, 13, MUTED);
    const nameBottom = centred(cert.learnerName, 244, bold, 30, INK);
    doc.moveTo(width / 2 - 120, nameBottom + 8).lineTo(width / 2 + 120, nameBottom + 8).lineWidth(0.75).stroke(BRAND_LIGHT);
    centred("has completed the course", nameBottom + 22, body, 13, MUTED);
    centred(cert.courseTitle, nameBottom + 44, semibold, 22, INK);

    // Footer: issued on | QR code | verification code, symmetric about the centre.
    const qr = 76;
    const qrY = height - 66 - qr;
    drawQr(doc, verifyUrl, (width - qr) / 2, qrY, qr);
    const column = 220;
    const gap = qr / 2 + 36;
    const label = (text: string, x: number) => doc.font(body).fontSize(10).fillColor(MUTED).text(text, x, qrY + 18, { width: column, align: "center" });
    const value = (text: string, x: number) => doc.font(semibold).fontSize(13).fillColor(INK).text(text, x, qrY + 34, { width: column, align: "center" });
    label("Issued on", width / 2 - gap - column);
    value(formatLongDay(cert.issuedAt), width / 2 - gap - column);
    label("Verification code", width / 2 + gap);
    value(cert.verificationCode, width / 2 + gap);
    doc.font(body).fontSize(9).fillColor(BRAND).text(`Verify at ${verifyUrl}`, side, height - 58, { width: width - side * 2, align: "center", link: verifyUrl });

    if (cert.revokedAt) {
      centred("REVOKED", 40, bold, 14, "#b91c1c", { characterSpacing: 3 });
    }
    doc.end();
  });
}
