import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificatePdf, getCertificate } from "~/modules/academy/certificates.server.ts";
import { appUrl } from "~/utils/env.server.ts";

/** The certificate as a PDF (public, like the verification page). */
export async function loader({ params }: LoaderFunctionArgs) {
  const certificate = await getCertificate(params.id!);
  if (!certificate) throw new Response("Not found", { status: 404 });
  const pdf = await certificatePdf(certificate, `${appUrl()}/certificates/${certificate.id}`);
  const filename = `sentry-academy-certificate-${certificate.verificationCode}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
}
