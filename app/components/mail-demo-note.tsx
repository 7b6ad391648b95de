import { Link } from "@remix-run/react";

/** Demo mode without SMTP: where the mail went (private links are never shown on /outbox). */
export function MailDemoNote() {
  return (
    <p className="mt-4 rounded-lg bg-ink-100 p-3 text-sm">
      This is the demo: email isn't really sent. Whoever runs the server finds each mail, link included, in its mail folder
      (<code>MAIL_DIR</code>, <code>.data/mail/</code> by default). The <Link to="/outbox">development outbox</Link> lists the mails with
      their private links removed.
    </p>
  );
}
