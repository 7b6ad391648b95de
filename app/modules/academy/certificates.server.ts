/** Certificates: public verification by id, revocation by admins, and the PDF. */
import PDFDocument from "pdfkit";
import { prisma } from "~/utils/db.server.ts";
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
      course: { select: { slug: true, estimatedMinutes: true } },
    },
  });
}

export async function revokeCertificate(id: string, reason: string) {
  return prisma.certificate.update({ where: { id }, data: { revokedAt: new Date(), revokedReason: reason } });
}

export async function restoreCertificate(id: string) {
  return prisma.certificate.update({ where: { id }, data: { revokedAt: null, revokedReason: null } });
}


/** A one-page landscape A4 certificate (pdfkit, built-in Helvetica). */
export function certificatePdf(cert: NonNullable<Awaited<ReturnType<typeof getCertificate>>>, verifyUrl: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: 56, info: { Title: `Certificate: ${cert.courseTitle}`, Author: "Sentry Academy" } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    const { width, height } = doc.page;
    doc.rect(24, 24, width - 48, height - 48).lineWidth(3).stroke("#5b2dbf");
    doc.rect(32, 32, width - 64, height - 64).lineWidth(1).stroke("#c4b2ff");
    doc.fillColor("#5b2dbf").font("Helvetica-Bold").fontSize(14).text("SENTRY ACADEMY", 0, 90, { align: "center", characterSpacing: 4 });
    doc.fillColor("#140f1f").font("Helvetica").fontSize(34).text("Certificate of completion", 0, 130, { align: "center" });
    doc.fontSize(14).fillColor("#3e3160").text("This certifies that", 0, 200, { align: "center" });
    doc.font("Helvetica-Bold").fontSize(30).fillColor("#140f1f").text(cert.learnerName, 0, 228, { align: "center" });
    doc.font("Helvetica").fontSize(14).fillColor("#3e3160").text("has completed the course", 0, 282, { align: "center" });
    doc.font("Helvetica-Bold").fontSize(22).fillColor("#140f1f").text(cert.courseTitle, 80, 308, { align: "center", width: width - 160 });
    doc.font("Helvetica").fontSize(12).fillColor("#3e3160");
    doc.text(`Issued on ${formatLongDay(cert.issuedAt)}`, 0, height - 150, { align: "center" });
    doc.text(`Verification code ${cert.verificationCode}`, 0, height - 130, { align: "center" });
    doc.fillColor("#5b2dbf").text(`Verify at ${verifyUrl}`, 0, height - 110, { align: "center", link: verifyUrl });
    if (cert.revokedAt) {
      doc.fillColor("#b91c1c").font("Helvetica-Bold").fontSize(16).text("REVOKED", 0, 60, { align: "center" });
    }
    doc.end();
  });
}
