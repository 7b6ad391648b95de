import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Pager } from "~/components/ui/pager.tsx";
import { listUsers } from "~/modules/accounts/accounts.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { pageParam } from "~/utils/page-param.ts";
import { AREA_ROLES, ROLE_LABELS, ROLES } from "~/utils/permissions.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import { formatDay } from "~/utils/dates.ts";
import { ScrollRegion } from "~/components/ui/scroll-region.tsx";

export const meta: MetaFunction = () => [{ title: "Users · Administration · Sentry Academy" }];

const PER_PAGE = 25;

const ChangeRoleSchema = z.object({
  userId: z.string({ error: "Missing user" }).min(1),
  role: z.enum(ROLES, { error: "Choose one of the roles" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, AREA_ROLES.admin);
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim() || undefined;
  const page = pageParam(url.searchParams, Number.MAX_SAFE_INTEGER);
  const { users, total } = await listUsers({ q, page, perPage: PER_PAGE });
  return { users, total, q: q ?? "", page, pages: Math.max(1, Math.ceil(total / PER_PAGE)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, AREA_ROLES.admin);
  const submission = parseWithZod(await request.formData(), { schema: ChangeRoleSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { userId, role } = submission.value;
  if (userId === admin.id && role !== "ADMIN") {
    const admins = await prisma.user.count({ where: { role: "ADMIN" } });
    if (admins <= 1) {
      return data(submission.reply({ fieldErrors: { role: ["You are the only admin: make someone else an admin first."] } }), { status: 400 });
    }
  }
  const user = await prisma.user.update({ where: { id: userId }, data: { role }, select: { name: true } }).catch(() => null);
  if (!user) return data(submission.reply({ formErrors: ["That user no longer exists."] }), { status: 404 });
  const back = new URL(request.headers.get("Referer") ?? "/admin/users", "http://x");
  return redirectWithToast(back.pathname === "/admin/users" ? `${back.pathname}${back.search}` : "/admin/users", {
    kind: "success",
    message: `${user.name}'s role is now ${ROLE_LABELS[role]}.`,
  });
}

export default function AdminUsers() {
  const { users, total, q, page, pages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const failedUserId = result?.initialValue?.userId;
  return (
    <div>
      <Breadcrumb trail={[{ to: "/admin", label: "Administration" }]} current="Users and roles" />
      <h1 className="text-3xl font-bold">Users and roles</h1>
      <Form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search">
        <div className="grow">
          <label htmlFor="user-search" className="label">
            Search by name or email
          </label>
          <input id="user-search" name="q" defaultValue={q} className="input" type="search" />
        </div>
        <button type="submit" className="btn btn-secondary">
          Search
        </button>
      </Form>
      <p className="mt-4 text-sm text-ink-700" aria-live="polite">
        {total} user{total === 1 ? "" : "s"}
        {q ? ` matching “${q}”` : ""}
      </p>
      {result?.error?.[""] ? (
        <p role="alert" className="field-error mt-2">
          {result.error[""].join(" ")}
        </p>
      ) : null}
      <ScrollRegion label="Users" className="mt-2 rounded-xl border border-ink-300/60 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Users</caption>
          <thead className="bg-ink-100 text-ink-900">
            <tr>
              <th scope="col" className="px-4 py-3">Name</th>
              <th scope="col" className="px-4 py-3">Email</th>
              <th scope="col" className="px-4 py-3">Joined</th>
              <th scope="col" className="px-4 py-3">Role</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-ink-100">
            {users.map((u) => {
              const errors = failedUserId === u.id ? result?.error?.role : undefined;
              const saving = navigation.formData?.get("userId") === u.id;
              return (
                <tr key={u.id}>
                  <td className="px-4 py-3 font-medium">{u.name}</td>
                  <td className="px-4 py-3">
                    {u.email}
                    {u.emailVerifiedAt ? null : (
                      <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900" title="Acts as a student until the address is confirmed">
                        not confirmed
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap">{formatDay(u.createdAt)}</td>
                  <td className="px-4 py-3">
                    {/* The select and its Save on one line (the cell never wraps them): one row per user. */}
                    <Form method="post" className="flex flex-nowrap items-center gap-2">
                      <input type="hidden" name="userId" value={u.id} />
                      <label htmlFor={`role-${u.id}`} className="sr-only">
                        Role of {u.name}
                      </label>
                      <select
                        id={`role-${u.id}`}
                        name="role"
                        defaultValue={u.role}
                        className="input w-auto py-1"
                        aria-invalid={errors ? true : undefined}
                        aria-describedby={errors ? `role-${u.id}-error` : undefined}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="btn btn-secondary py-1" disabled={saving}>
                        {saving ? "Saving…" : "Save"}
                      </button>
                    </Form>
                    {errors ? (
                      <p id={`role-${u.id}-error`} className="field-error">
                        {errors.join(" ")}
                      </p>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      {pages > 1 ? <Pager label="User pages" page={page} pages={pages} href={(n) => `?${new URLSearchParams({ q, page: String(n) })}`} /> : null}
    </div>
  );
}
