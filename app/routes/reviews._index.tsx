import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ReviewList } from "~/components/reviews/review-parts.tsx";
import { myReviewRequests, reviewQueue, reviewsTakenPartIn } from "~/modules/exercises/reviews.server.ts";
import { requireUser } from "~/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "Code reviews · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [queue, mine, takenPart] = await Promise.all([reviewQueue(user.id), myReviewRequests(user.id), reviewsTakenPartIn(user.id)]);
  return { queue, mine, takenPart };
}

export default function Reviews() {
  const { queue, mine, takenPart } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-3xl font-bold">Code reviews</h1>
        <p className="mt-2 max-w-3xl text-ink-800">
          Learners ask for a review of their exercise code. Once you pass an exercise, the reviews others asked for on it appear here: comment on lines, approve or ask for
          changes. To ask for one yourself, use “Ask for a review” under one of your submissions on the exercise.
        </p>
      </header>
      <section aria-labelledby="queue-title">
        <h2 id="queue-title" className="text-2xl font-bold">
          Waiting for a reviewer
        </h2>
        <ReviewList rows={queue} empty="Nothing to review: reviews appear here for exercises you have passed." />
      </section>
      <section aria-labelledby="mine-title">
        <h2 id="mine-title" className="text-2xl font-bold">
          My requests
        </h2>
        <ReviewList rows={mine} showAuthor={false} empty="You haven't asked for a review yet." />
      </section>
      <section aria-labelledby="took-part-title">
        <h2 id="took-part-title" className="text-2xl font-bold">
          Reviews I took part in
        </h2>
        <ReviewList rows={takenPart} empty="You haven't commented on anyone's code yet." />
      </section>
    </div>
  );
}
