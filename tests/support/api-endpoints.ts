/**
 * Every operation the API tests exercise, as method and OpenAPI path template
 * (with a body each write accepts where the tests send one): the API test files
 * call each of them, and openapi.test.ts checks that the document lists exactly
 * these, each with its route file.
 */
export type Endpoint = { method: string; path: string; body?: unknown };

/** The Academy API (academy-api.test.ts). */
export const ACADEMY_ENDPOINTS: Endpoint[] = [
  { method: "GET", path: "/api/courses" },
  { method: "POST", path: "/api/courses" },
  { method: "GET", path: "/api/courses/{id}" },
  { method: "PUT", path: "/api/courses/{id}" },
  { method: "DELETE", path: "/api/courses/{id}" },
  { method: "GET", path: "/api/courses/{id}/lessons" },
  { method: "GET", path: "/api/lessons/{id}" },
  { method: "POST", path: "/api/lessons/{id}/complete" },
  { method: "POST", path: "/api/enrollments" },
  { method: "GET", path: "/api/users/me/enrollments" },
  { method: "GET", path: "/api/users/me/progress" },
];

/** The POC Portal API for staff (poc-api.test.ts), with a body each write accepts. */
export const POC_STAFF_ENDPOINTS: Endpoint[] = [
  { method: "GET", path: "/api/v1/pocs" },
  { method: "POST", path: "/api/v1/pocs", body: { customerName: "Nope", accountDomain: "nope.example.com" } },
  { method: "GET", path: "/api/v1/pocs/{id}" },
  { method: "PATCH", path: "/api/v1/pocs/{id}", body: { version: 1, goals: "changed" } },
  { method: "DELETE", path: "/api/v1/pocs/{id}" },
  { method: "GET", path: "/api/v1/pocs/{id}/milestones" },
  { method: "POST", path: "/api/v1/pocs/{id}/milestones", body: { title: "New" } },
  { method: "PATCH", path: "/api/v1/pocs/{id}/milestones/{rowId}", body: { version: 1, status: "COMPLETED" } },
  { method: "DELETE", path: "/api/v1/pocs/{id}/milestones/{rowId}" },
  { method: "POST", path: "/api/v1/pocs/{id}/milestones/{rowId}/move", body: { direction: "down" } },
  { method: "GET", path: "/api/v1/pocs/{id}/phases" },
  { method: "POST", path: "/api/v1/pocs/{id}/phases", body: { name: "New" } },
  { method: "PATCH", path: "/api/v1/pocs/{id}/phases/{phaseId}", body: { version: 1, name: "Renamed" } },
  { method: "DELETE", path: "/api/v1/pocs/{id}/phases/{phaseId}" },
  { method: "POST", path: "/api/v1/pocs/{id}/phases/{phaseId}/move", body: { direction: "down" } },
  { method: "GET", path: "/api/v1/pocs/{id}/phases/{phaseId}/tasks" },
  { method: "POST", path: "/api/v1/pocs/{id}/phases/{phaseId}/tasks", body: { title: "New" } },
  { method: "PATCH", path: "/api/v1/pocs/{id}/tasks/{taskId}", body: { version: 1, status: "COMPLETED" } },
  { method: "DELETE", path: "/api/v1/pocs/{id}/tasks/{taskId}" },
  { method: "POST", path: "/api/v1/pocs/{id}/tasks/{taskId}/move", body: { direction: "down" } },
  { method: "GET", path: "/api/v1/pocs/{id}/success-criteria" },
  { method: "POST", path: "/api/v1/pocs/{id}/success-criteria", body: { title: "New" } },
  { method: "PATCH", path: "/api/v1/pocs/{id}/success-criteria/{rowId}", body: { version: 1, status: "COMPLETED" } },
  { method: "DELETE", path: "/api/v1/pocs/{id}/success-criteria/{rowId}" },
  { method: "POST", path: "/api/v1/pocs/{id}/success-criteria/{rowId}/move", body: { direction: "down" } },
  { method: "GET", path: "/api/v1/pocs/{id}/team" },
  { method: "POST", path: "/api/v1/pocs/{id}/team", body: { name: "New", side: "SENTRY" } },
  { method: "PATCH", path: "/api/v1/pocs/{id}/team/{rowId}", body: { version: 1, role: "Lead" } },
  { method: "DELETE", path: "/api/v1/pocs/{id}/team/{rowId}" },
  { method: "POST", path: "/api/v1/pocs/{id}/team/{rowId}/move", body: { direction: "down" } },
  { method: "GET", path: "/api/v1/pocs/{id}/tech-stack" },
  { method: "PUT", path: "/api/v1/pocs/{id}/tech-stack", body: { platforms: ["python"], notes: "" } },
  { method: "POST", path: "/api/v1/pocs/{id}/share-link", body: {} },
  { method: "DELETE", path: "/api/v1/pocs/{id}/share-link" },
];

/** The customer's share-link endpoints (poc-api.test.ts). */
export const POC_CUSTOMER_ENDPOINTS: Endpoint[] = [
  { method: "GET", path: "/api/v1/customer/{token}" },
  { method: "PATCH", path: "/api/v1/customer/{token}/milestones/{rowId}", body: { version: 1, status: "IN_PROGRESS" } },
  { method: "PATCH", path: "/api/v1/customer/{token}/tasks/{rowId}", body: { version: 1, status: "IN_PROGRESS" } },
  { method: "POST", path: "/api/v1/customer/{token}/team", body: { name: "Mallory" } },
  { method: "PATCH", path: "/api/v1/customer/{token}/team/{rowId}", body: { version: 1, name: "Mallory" } },
  { method: "PUT", path: "/api/v1/customer/{token}/tech-stack", body: { platforms: ["python"] } },
];

/** The Gong and AI endpoints of the POC Portal API (poc-gong-ai-api.test.ts). */
export const GONG_AI_ENDPOINTS: Endpoint[] = [
  { method: "GET", path: "/api/v1/pocs/{id}/gong" },
  { method: "POST", path: "/api/v1/pocs/{id}/gong/search", body: { from: "2025-03-01", to: "2025-03-31" } },
  { method: "POST", path: "/api/v1/pocs/{id}/gong/transcripts", body: { callIds: ["{callId}"] } },
  { method: "GET", path: "/api/v1/pocs/{id}/gong/calls/{callId}" },
  { method: "GET", path: "/api/v1/pocs/{id}/ai" },
  { method: "POST", path: "/api/v1/pocs/{id}/ai/analysis" },
  { method: "POST", path: "/api/v1/pocs/{id}/ai/items", body: { section: "metrics", statement: "Nope" } },
  { method: "PATCH", path: "/api/v1/pocs/{id}/ai/items/{itemId}", body: { version: 1, action: "reject" } },
  { method: "POST", path: "/api/v1/pocs/{id}/ai/items/{itemId}/criterion" },
];
