/**
 * A local S3-compatible server for the tests, the e2e run and the bench (decision 034): s3rver on
 * a free port (or the one given), its files in a fresh temporary folder, the bucket created, and
 * the environment that points the app's media store at it (S3_* variables, env.server.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export type LocalS3 = {
  endpoint: string;
  bucket: string;
  /** The app's S3_* variables for this server. */
  env: Record<string, string>;
  close: () => Promise<void>;
};

/** s3rver's fixed credentials (it checks signatures made with them). */
const KEY = "S3RVER";

export async function startLocalS3({ port = 0, bucket = "academy-media" }: { port?: number; bucket?: string } = {}): Promise<LocalS3> {
  const directory = mkdtempSync(path.join(tmpdir(), "academy-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    bucket,
    env: { S3_BUCKET: bucket, S3_ENDPOINT: endpoint, S3_REGION: "us-east-1", S3_ACCESS_KEY_ID: KEY, S3_SECRET_ACCESS_KEY: KEY, S3_FORCE_PATH_STYLE: "true" },
    close: async () => {
      await server.close().catch(() => undefined);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
