// Generated from apps/api/openapi.json by openapi-typescript (`pnpm api:generate`). Do not edit.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness and dependencies
         * @description 200 when PostgreSQL and Redis answer; 503 naming the one that does not.
         */
        get: operations["health_healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description 503 while a dependency is down or the process is shutting down.
         */
        get: operations["health_readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit log, newest first */
        get: operations["audit_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agent/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The robot’s signed desired config
         * @description ETag `"v<version>"`; send it as If-None-Match to get 304 when unchanged. `wait` long-polls up to 30 s.
         */
        get: operations["agentConfig_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agent/config/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge a delivered config */
        post: operations["agentConfig_ack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/enrollment-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List enrolment tokens */
        get: operations["enrollment_list"];
        put?: never;
        /** Create an enrolment token */
        post: operations["enrollment_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/enrollment-tokens/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke an enrolment token */
        post: operations["enrollment_revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agent/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Robot enrolment
         * @description Exchanges an enrolment token for the robot’s own secret and the trusted config-signing keys.
         */
        post: operations["enrollment_enroll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calling operator and role */
        get: operations["operators_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List operators and their keys */
        get: operations["operators_list"];
        put?: never;
        /** Create an operator with a first API key */
        post: operations["operators_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke an API key */
        post: operations["operators_revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List gate policies with their versions
         * @description Each version carries how many robots run it (applied) and are told to (desired).
         */
        get: operations["policies_list"];
        put?: never;
        /** Create a gate policy with version 1 */
        post: operations["policies_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One gate policy with its versions */
        get: operations["policies_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish the next immutable version */
        post: operations["policies_addVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fleet/default-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The fleet’s default policy version */
        get: operations["policies_fleetDefault"];
        /**
         * Set the fleet default
         * @description Moves every robot no rollout holds onto this version.
         */
        put: operations["policies_setFleetDefault"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/robots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search, filter, sort and page robots */
        get: operations["robots_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/robots/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One robot with its recent configs */
        get: operations["robots_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename or re-tag a robot */
        patch: operations["robots_update"];
        trace?: never;
    };
    "/v1/robots/{id}/rollouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The rollouts that included a robot
         * @description Newest first: each rollout’s name, status and policy version, the robot’s step and per-robot state, and when it was issued and acknowledged.
         */
        get: operations["robots_rollouts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List robot groups */
        get: operations["robots_groups"];
        put?: never;
        /** Create a robot group */
        post: operations["robots_createGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/groups/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add and remove group members */
        post: operations["robots_changeMembers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List rollouts */
        get: operations["rollouts_list"];
        put?: never;
        /** Create a rollout (draft) */
        post: operations["rollouts_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Preview a rollout: predicted write rate and flash life per cohort under the new τ */
        post: operations["rollouts_previewSpec"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/targets/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Count the robots a rollout target names (groups ∪ tags ∪ robot ids, each robot once) */
        post: operations["rollouts_countTargets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Preview a created rollout with its exact cohorts */
        post: operations["rollouts_previewRollout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A rollout with per-step robot states, verdicts and revert confirmations */
        get: operations["rollouts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/robots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A rollout's members: step, state (with its reason) and revert confirmation per robot */
        get: operations["rollouts_robots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start: assign cohorts and deliver the first step
         * @description Idempotent: repeating `start` on a rollout already in its target state changes nothing.
         */
        post: operations["rollouts_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause: stop evaluating and advancing
         * @description Idempotent: repeating `pause` on a rollout already in its target state changes nothing.
         */
        post: operations["rollouts_pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume: bake the current step again, then evaluate
         * @description Idempotent: repeating `resume` on a rollout already in its target state changes nothing.
         */
        post: operations["rollouts_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/promote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Promote: skip the rest of the bake and move to the next step
         * @description Idempotent: repeating `promote` on a rollout already in its target state changes nothing.
         */
        post: operations["rollouts_promote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/abort": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Abort: return every cohort member to its previous version in one transaction
         * @description Idempotent: repeating `abort` on a rollout already in its target state changes nothing.
         */
        post: operations["rollouts_abort"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agent/telemetry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload telemetry windows
         * @description Idempotent by (robot, seq). A batch with any invalid record is refused whole (400). At most 500 records (413).
         */
        post: operations["telemetry_ingest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/robots/{id}/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Time-bucketed series of one robot */
        get: operations["telemetry_robotSeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fleet/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Time-bucketed series of the fleet or a group */
        get: operations["telemetry_fleetSeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fleet/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Fleet overview: robots online, writes, memory, projected flash life and wear
         * @description Projected flash life per robot = (1 − estimated wear) ÷ the wear rate seen in the window; median, worst and the count below lifeTargetDays over robots reporting in the window.
         */
        get: operations["fleetSummary_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ErrorEnvelope: {
            error: {
                /** @enum {string} */
                code: "validation_failed" | "bad_request" | "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal_error" | "service_unavailable";
                message: string;
                details?: ({
                    path?: string;
                    message: string;
                } & {
                    [key: string]: unknown;
                })[];
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health_healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "error";
                        checks: {
                            database: {
                                /** @enum {string} */
                                status: "up";
                                latencyMs: number;
                            } | {
                                /** @enum {string} */
                                status: "down";
                                error: string;
                            };
                            redis: {
                                /** @enum {string} */
                                status: "up";
                                latencyMs: number;
                            } | {
                                /** @enum {string} */
                                status: "down";
                                error: string;
                            };
                        };
                    };
                };
            };
            /** @description Degraded */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "error";
                        checks: {
                            database: {
                                /** @enum {string} */
                                status: "up";
                                latencyMs: number;
                            } | {
                                /** @enum {string} */
                                status: "down";
                                error: string;
                            };
                            redis: {
                                /** @enum {string} */
                                status: "up";
                                latencyMs: number;
                            } | {
                                /** @enum {string} */
                                status: "down";
                                error: string;
                            };
                        };
                    };
                };
            };
        };
    };
    health_readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "error";
                        checks: {
                            database: {
                                /** @enum {string} */
                                status: "up";
                                latencyMs: number;
                            } | {
                                /** @enum {string} */
                                status: "down";
                                error: string;
                            };
                            redis: {
                                /** @enum {string} */
                                status: "up";
                                latencyMs: number;
                            } | {
                                /** @enum {string} */
                                status: "down";
                                error: string;
                            };
                        };
                        draining: boolean;
                    };
                };
            };
            /** @description Degraded */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "error";
                        checks: {
                            database: {
                                /** @enum {string} */
                                status: "up";
                                latencyMs: number;
                            } | {
                                /** @enum {string} */
                                status: "down";
                                error: string;
                            };
                            redis: {
                                /** @enum {string} */
                                status: "up";
                                latencyMs: number;
                            } | {
                                /** @enum {string} */
                                status: "down";
                                error: string;
                            };
                        };
                        draining: boolean;
                    };
                };
            };
        };
    };
    audit_list: {
        parameters: {
            query?: {
                action?: string;
                targetType?: string;
                targetId?: string;
                actorId?: string;
                since?: string;
                until?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description Monotonic id (a decimal string) */
                            id: string;
                            /** Format: date-time */
                            at: string;
                            /** @enum {string} */
                            actorType: "operator" | "robot" | "system";
                            actorId: string | null;
                            action: string;
                            targetType: string;
                            targetId: string | null;
                            before: unknown;
                            after: unknown;
                            reason: string | null;
                            requestId: string | null;
                        }[];
                        /** @description Pass as `cursor` for the next (older) page */
                        nextCursor?: string;
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    agentConfig_get: {
        parameters: {
            query?: {
                wait?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        robotId: string;
                        /** Format: uuid */
                        policyVersionId: string;
                        version: number;
                        tau: number;
                        /** @enum {string} */
                        persistMode?: "none" | "snapshot" | "delta-log";
                        /** Format: date-time */
                        issuedAt: string;
                        /** Format: uuid */
                        rolloutId?: string;
                        keyId: string;
                        signature: string;
                    };
                };
            };
            /** @description Error */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    agentConfig_ack: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    version: number;
                    /** @enum {string} */
                    status: "applied" | "rejected";
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        /** @enum {string} */
                        status: "applied" | "rejected";
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    enrollment_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            prefix: string;
                            /** Format: date-time */
                            expiresAt: string;
                            maxUses: number;
                            uses: number;
                            /** Format: uuid */
                            groupId: string | null;
                            tags: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            revokedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    enrollment_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @default 24 */
                    expiresInHours?: number;
                    /** @default 1 */
                    maxUses?: number;
                    /** Format: uuid */
                    groupId?: string;
                    /** @default [] */
                    tags?: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        prefix: string;
                        /** Format: date-time */
                        expiresAt: string;
                        maxUses: number;
                        uses: number;
                        /** Format: uuid */
                        groupId: string | null;
                        tags: string[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        revokedAt: string | null;
                        /** @description The token itself; shown once, only its hash is stored */
                        token: string;
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    enrollment_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Enrolment token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        prefix: string;
                        /** Format: date-time */
                        expiresAt: string;
                        maxUses: number;
                        uses: number;
                        /** Format: uuid */
                        groupId: string | null;
                        tags: string[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        revokedAt: string | null;
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    enrollment_enroll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enrollmentToken: string;
                    name?: string;
                    hardware?: {
                        model?: string;
                        /** @enum {string} */
                        storage?: "emmc" | "nvme" | "sd" | "ssd" | "other";
                        storageCapacityBytes?: number;
                        agentVersion?: string;
                    };
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        robotId: string;
                        robotSecret: string;
                        configKeys: {
                            keyId: string;
                            publicKey: string;
                        }[];
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    operators_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        operatorId: string;
                        name: string;
                        /** @enum {string} */
                        role: "viewer" | "operator" | "admin";
                        /** Format: uuid */
                        apiKeyId: string;
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    operators_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            email: string | null;
                            /** @enum {string} */
                            role: "viewer" | "operator" | "admin";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            disabledAt: string | null;
                            apiKeys: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                prefix: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                /** Format: date-time */
                                revokedAt: string | null;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    operators_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** Format: email */
                    email?: string;
                    /** @enum {string} */
                    role: "viewer" | "operator" | "admin";
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operator: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            email: string | null;
                            /** @enum {string} */
                            role: "viewer" | "operator" | "admin";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            disabledAt: string | null;
                        };
                        apiKey: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            prefix: string;
                            /** @description Shown once */
                            token: string;
                        };
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    operators_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description API key id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: date-time */
                        revokedAt: string | null;
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    policies_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            description: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            archivedAt: string | null;
                            versions: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                policyId: string;
                                version: number;
                                tau: number;
                                /** @enum {string|null} */
                                persistMode: "none" | "snapshot" | "delta-log" | null;
                                notes: string | null;
                                /** Format: uuid */
                                createdById: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                robots: {
                                    /** @description Robots whose last acknowledged config is this version */
                                    applied: number;
                                    /** @description Robots whose desired config is this version */
                                    desired: number;
                                };
                            }[];
                        }[];
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    policies_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    tau: number;
                    /** @enum {string} */
                    persistMode?: "none" | "snapshot" | "delta-log";
                    notes?: string;
                    name: string;
                    description?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        description: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        archivedAt: string | null;
                        versions: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            policyId: string;
                            version: number;
                            tau: number;
                            /** @enum {string|null} */
                            persistMode: "none" | "snapshot" | "delta-log" | null;
                            notes: string | null;
                            /** Format: uuid */
                            createdById: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    policies_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Policy id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        description: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        archivedAt: string | null;
                        versions: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            policyId: string;
                            version: number;
                            tau: number;
                            /** @enum {string|null} */
                            persistMode: "none" | "snapshot" | "delta-log" | null;
                            notes: string | null;
                            /** Format: uuid */
                            createdById: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            robots: {
                                /** @description Robots whose last acknowledged config is this version */
                                applied: number;
                                /** @description Robots whose desired config is this version */
                                desired: number;
                            };
                        }[];
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    policies_addVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Policy id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    tau: number;
                    /** @enum {string} */
                    persistMode?: "none" | "snapshot" | "delta-log";
                    notes?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        policyId: string;
                        version: number;
                        tau: number;
                        /** @enum {string|null} */
                        persistMode: "none" | "snapshot" | "delta-log" | null;
                        notes: string | null;
                        /** Format: uuid */
                        createdById: string | null;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    policies_fleetDefault: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        policyVersion: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            policyId: string;
                            version: number;
                            tau: number;
                            /** @enum {string|null} */
                            persistMode: "none" | "snapshot" | "delta-log" | null;
                            notes: string | null;
                            /** Format: uuid */
                            createdById: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        } | null;
                        policy: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            description: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            archivedAt: string | null;
                        } | null;
                        /** Format: date-time */
                        updatedAt: string | null;
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    policies_setFleetDefault: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    policyVersionId: string;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        policyVersion: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            policyId: string;
                            version: number;
                            tau: number;
                            /** @enum {string|null} */
                            persistMode: "none" | "snapshot" | "delta-log" | null;
                            notes: string | null;
                            /** Format: uuid */
                            createdById: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                        robotsMoved: number;
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    robots_list: {
        parameters: {
            query?: {
                q?: string;
                groupId?: string;
                tag?: string;
                policyVersionId?: string;
                status?: "online" | "offline";
                sort?: "name" | "lastSeenAt" | "enrolledAt";
                order?: "asc" | "desc";
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        total: number;
                        limit: number;
                        offset: number;
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            tags: string[];
                            hardware: {
                                [key: string]: unknown;
                            } | null;
                            /** Format: date-time */
                            enrolledAt: string;
                            /** Format: date-time */
                            lastSeenAt: string | null;
                            /** @enum {string} */
                            status: "online" | "offline";
                            /** Format: uuid */
                            desiredPolicyVersionId: string | null;
                            desiredConfigVersion: number;
                            /** Format: uuid */
                            desiredRolloutId: string | null;
                            /** Format: uuid */
                            appliedPolicyVersionId: string | null;
                            appliedConfigVersion: number;
                            /** Format: date-time */
                            appliedAt: string | null;
                            lastSeq: number;
                            latestTelemetry: {
                                [key: string]: unknown;
                            } | null;
                            groups: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    robots_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Robot id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        tags: string[];
                        hardware: {
                            [key: string]: unknown;
                        } | null;
                        /** Format: date-time */
                        enrolledAt: string;
                        /** Format: date-time */
                        lastSeenAt: string | null;
                        /** @enum {string} */
                        status: "online" | "offline";
                        /** Format: uuid */
                        desiredPolicyVersionId: string | null;
                        desiredConfigVersion: number;
                        /** Format: uuid */
                        desiredRolloutId: string | null;
                        /** Format: uuid */
                        appliedPolicyVersionId: string | null;
                        appliedConfigVersion: number;
                        /** Format: date-time */
                        appliedAt: string | null;
                        lastSeq: number;
                        latestTelemetry: {
                            [key: string]: unknown;
                        } | null;
                        groups: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                        }[];
                        configs: {
                            /** Format: uuid */
                            robotId: string;
                            version: number;
                            /** Format: uuid */
                            policyVersionId: string;
                            /** Format: uuid */
                            rolloutId: string | null;
                            /** Format: date-time */
                            issuedAt: string;
                            /** Format: date-time */
                            deliveredAt: string | null;
                            /** Format: date-time */
                            ackedAt: string | null;
                            /** @enum {string|null} */
                            ackStatus: "applied" | "rejected" | null;
                            ackReason: string | null;
                        }[];
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    robots_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Robot id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    tags?: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        tags: string[];
                        hardware: {
                            [key: string]: unknown;
                        } | null;
                        /** Format: date-time */
                        enrolledAt: string;
                        /** Format: date-time */
                        lastSeenAt: string | null;
                        /** @enum {string} */
                        status: "online" | "offline";
                        /** Format: uuid */
                        desiredPolicyVersionId: string | null;
                        desiredConfigVersion: number;
                        /** Format: uuid */
                        desiredRolloutId: string | null;
                        /** Format: uuid */
                        appliedPolicyVersionId: string | null;
                        appliedConfigVersion: number;
                        /** Format: date-time */
                        appliedAt: string | null;
                        lastSeq: number;
                        latestTelemetry: {
                            [key: string]: unknown;
                        } | null;
                        groups: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                        }[];
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    robots_rollouts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Robot id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            rolloutId: string;
                            name: string;
                            /** @enum {string} */
                            status: "draft" | "running" | "paused" | "succeeded" | "rolled_back" | "aborted";
                            policyVersion: {
                                /** Format: uuid */
                                id: string;
                                version: number;
                                tau: number;
                                policyName: string;
                            };
                            /** @description The rollout step (cohort) this robot belongs to */
                            stepIndex: number;
                            /** @enum {string} */
                            state: "pending" | "delivered" | "applied" | "verified" | "rejected" | "timed_out" | "unreachable" | "reverted" | "skipped";
                            stateReason: string | null;
                            /** @description False once the rollout has ended */
                            active: boolean;
                            /**
                             * Format: date-time
                             * @description When the rollout first issued this robot a config
                             */
                            issuedAt: string | null;
                            /**
                             * Format: date-time
                             * @description When the robot last acknowledged a config of this rollout
                             */
                            ackedAt: string | null;
                            /**
                             * Format: date-time
                             * @description Last change of the per-robot state
                             */
                            updatedAt: string;
                            /** Format: date-time */
                            rolloutStartedAt: string | null;
                            /** Format: date-time */
                            rolloutEndedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    robots_groups: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            description: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            robotCount: number;
                        }[];
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    robots_createGroup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    description?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        description: string | null;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    robots_changeMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Group id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default [] */
                    add?: string[];
                    /** @default [] */
                    remove?: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        groupId: string;
                        robotCount: number;
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rollouts_list: {
        parameters: {
            query?: {
                status?: "draft" | "running" | "paused" | "succeeded" | "rolled_back" | "aborted";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            policyVersionId: string;
                            /** @enum {string} */
                            status: "draft" | "running" | "paused" | "succeeded" | "rolled_back" | "aborted";
                            spec: {
                                [key: string]: unknown;
                            };
                            currentStep: number;
                            /** Format: date-time */
                            stepStartedAt: string | null;
                            /** Format: date-time */
                            evaluateAfter: string | null;
                            revision: number;
                            statusReason: string | null;
                            /** Format: uuid */
                            createdById: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            startedAt: string | null;
                            /** Format: date-time */
                            endedAt: string | null;
                            /** @description Name of the operator who created it (null if deleted) */
                            createdByName: string | null;
                        }[];
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rollouts_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    spec: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        /** Format: uuid */
                        policyVersionId: string;
                        /** @enum {string} */
                        status: "draft" | "running" | "paused" | "succeeded" | "rolled_back" | "aborted";
                        spec: {
                            [key: string]: unknown;
                        };
                        currentStep: number;
                        /** Format: date-time */
                        stepStartedAt: string | null;
                        /** Format: date-time */
                        evaluateAfter: string | null;
                        revision: number;
                        statusReason: string | null;
                        /** Format: uuid */
                        createdById: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        startedAt: string | null;
                        /** Format: date-time */
                        endedAt: string | null;
                        targets: number;
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rollouts_previewSpec: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    spec: {
                        [key: string]: unknown;
                    };
                    /** @default 60 */
                    windowMinutes?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        targets: number;
                        policyVersion: {
                            /** Format: uuid */
                            id: string;
                            tau: number;
                        };
                        model: {
                            version: string;
                            task: string;
                            writeRateAtNewTau: number;
                        };
                        windowMinutes: number;
                        /** @description True for a spec not yet created: real cohorts depend on the rollout id */
                        cohortsProvisional: boolean;
                        lifeTargetDays: number;
                        cohorts: {
                            step: number;
                            percent: number;
                            robots: number;
                            withData: number;
                            currentWritesPerStep: number | null;
                            predictedWritesPerStep: number | null;
                            /** @description null = unbounded (no wear growth seen) */
                            medianProjectedLifeDays: number | null;
                            minProjectedLifeDays: number | null;
                            belowTarget: number;
                        }[];
                        robotsWithoutData: number;
                        robotsBelowTarget: {
                            /** Format: uuid */
                            robotId: string;
                            name: string;
                            step: number;
                            currentLifeDays: number | null;
                            projectedLifeDays: number | null;
                            predictedWritesPerStep: number;
                        }[];
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rollouts_countTargets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    target: {
                        /** @default [] */
                        groupIds?: string[];
                        /** @default [] */
                        tags?: string[];
                        /** @default [] */
                        robotIds?: string[];
                    };
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Robots in groups ∪ tags ∪ ids, each counted once */
                        robots: number;
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rollouts_previewRollout: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Rollout id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default 60 */
                    windowMinutes?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        targets: number;
                        policyVersion: {
                            /** Format: uuid */
                            id: string;
                            tau: number;
                        };
                        model: {
                            version: string;
                            task: string;
                            writeRateAtNewTau: number;
                        };
                        windowMinutes: number;
                        /** @description True for a spec not yet created: real cohorts depend on the rollout id */
                        cohortsProvisional: boolean;
                        lifeTargetDays: number;
                        cohorts: {
                            step: number;
                            percent: number;
                            robots: number;
                            withData: number;
                            currentWritesPerStep: number | null;
                            predictedWritesPerStep: number | null;
                            /** @description null = unbounded (no wear growth seen) */
                            medianProjectedLifeDays: number | null;
                            minProjectedLifeDays: number | null;
                            belowTarget: number;
                        }[];
                        robotsWithoutData: number;
                        robotsBelowTarget: {
                            /** Format: uuid */
                            robotId: string;
                            name: string;
                            step: number;
                            currentLifeDays: number | null;
                            projectedLifeDays: number | null;
                            predictedWritesPerStep: number;
                        }[];
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rollouts_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Rollout id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        /** Format: uuid */
                        policyVersionId: string;
                        /** @enum {string} */
                        status: "draft" | "running" | "paused" | "succeeded" | "rolled_back" | "aborted";
                        spec: {
                            [key: string]: unknown;
                        };
                        currentStep: number;
                        /** Format: date-time */
                        stepStartedAt: string | null;
                        /** Format: date-time */
                        evaluateAfter: string | null;
                        revision: number;
                        statusReason: string | null;
                        /** Format: uuid */
                        createdById: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        startedAt: string | null;
                        /** Format: date-time */
                        endedAt: string | null;
                        steps: {
                            index: number;
                            percent: number;
                            bakeSeconds: number;
                            /** @description Robots of this step by assignment state */
                            robots: {
                                [key: string]: number;
                            };
                        }[];
                        verdicts: {
                            id: string;
                            /** Format: uuid */
                            rolloutId: string;
                            stepIndex: number;
                            /** @enum {string} */
                            result: "pass" | "fail" | "inconclusive";
                            /** @enum {string} */
                            comparison: "control" | "baseline";
                            reason: string;
                            numbers: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        revert: {
                            reverted: number;
                            confirmed: number;
                        };
                        /** @description Name of the operator who created it (null if deleted) */
                        createdByName: string | null;
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rollouts_robots: {
        parameters: {
            query?: {
                step?: number;
                state?: "pending" | "delivered" | "applied" | "verified" | "rejected" | "timed_out" | "unreachable" | "reverted" | "skipped";
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                /** @description Rollout id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Members matching the filters */
                        total: number;
                        items: {
                            /** Format: uuid */
                            robotId: string;
                            name: string;
                            stepIndex: number;
                            /** @enum {string} */
                            state: "pending" | "delivered" | "applied" | "verified" | "rejected" | "timed_out" | "unreachable" | "reverted" | "skipped";
                            stateReason: string | null;
                            /** @description Config version that carried the new policy */
                            configVersion: number | null;
                            /** @description Config version that reverted the robot */
                            revertConfigVersion: number | null;
                            /** @description The robot acknowledged its revert config as applied */
                            revertConfirmed: boolean;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rollouts_start: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Rollout id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        /** Format: uuid */
                        policyVersionId: string;
                        /** @enum {string} */
                        status: "draft" | "running" | "paused" | "succeeded" | "rolled_back" | "aborted";
                        spec: {
                            [key: string]: unknown;
                        };
                        currentStep: number;
                        /** Format: date-time */
                        stepStartedAt: string | null;
                        /** Format: date-time */
                        evaluateAfter: string | null;
                        revision: number;
                        statusReason: string | null;
                        /** Format: uuid */
                        createdById: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        startedAt: string | null;
                        /** Format: date-time */
                        endedAt: string | null;
                        steps: {
                            index: number;
                            percent: number;
                            bakeSeconds: number;
                            /** @description Robots of this step by assignment state */
                            robots: {
                                [key: string]: number;
                            };
                        }[];
                        verdicts: {
                            id: string;
                            /** Format: uuid */
                            rolloutId: string;
                            stepIndex: number;
                            /** @enum {string} */
                            result: "pass" | "fail" | "inconclusive";
                            /** @enum {string} */
                            comparison: "control" | "baseline";
                            reason: string;
                            numbers: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        revert: {
                            reverted: number;
                            confirmed: number;
                        };
                        /** @description Name of the operator who created it (null if deleted) */
                        createdByName: string | null;
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rollouts_pause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Rollout id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        /** Format: uuid */
                        policyVersionId: string;
                        /** @enum {string} */
                        status: "draft" | "running" | "paused" | "succeeded" | "rolled_back" | "aborted";
                        spec: {
                            [key: string]: unknown;
                        };
                        currentStep: number;
                        /** Format: date-time */
                        stepStartedAt: string | null;
                        /** Format: date-time */
                        evaluateAfter: string | null;
                        revision: number;
                        statusReason: string | null;
                        /** Format: uuid */
                        createdById: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        startedAt: string | null;
                        /** Format: date-time */
                        endedAt: string | null;
                        steps: {
                            index: number;
                            percent: number;
                            bakeSeconds: number;
                            /** @description Robots of this step by assignment state */
                            robots: {
                                [key: string]: number;
                            };
                        }[];
                        verdicts: {
                            id: string;
                            /** Format: uuid */
                            rolloutId: string;
                            stepIndex: number;
                            /** @enum {string} */
                            result: "pass" | "fail" | "inconclusive";
                            /** @enum {string} */
                            comparison: "control" | "baseline";
                            reason: string;
                            numbers: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        revert: {
                            reverted: number;
                            confirmed: number;
                        };
                        /** @description Name of the operator who created it (null if deleted) */
                        createdByName: string | null;
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rollouts_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Rollout id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        /** Format: uuid */
                        policyVersionId: string;
                        /** @enum {string} */
                        status: "draft" | "running" | "paused" | "succeeded" | "rolled_back" | "aborted";
                        spec: {
                            [key: string]: unknown;
                        };
                        currentStep: number;
                        /** Format: date-time */
                        stepStartedAt: string | null;
                        /** Format: date-time */
                        evaluateAfter: string | null;
                        revision: number;
                        statusReason: string | null;
                        /** Format: uuid */
                        createdById: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        startedAt: string | null;
                        /** Format: date-time */
                        endedAt: string | null;
                        steps: {
                            index: number;
                            percent: number;
                            bakeSeconds: number;
                            /** @description Robots of this step by assignment state */
                            robots: {
                                [key: string]: number;
                            };
                        }[];
                        verdicts: {
                            id: string;
                            /** Format: uuid */
                            rolloutId: string;
                            stepIndex: number;
                            /** @enum {string} */
                            result: "pass" | "fail" | "inconclusive";
                            /** @enum {string} */
                            comparison: "control" | "baseline";
                            reason: string;
                            numbers: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        revert: {
                            reverted: number;
                            confirmed: number;
                        };
                        /** @description Name of the operator who created it (null if deleted) */
                        createdByName: string | null;
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rollouts_promote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Rollout id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        /** Format: uuid */
                        policyVersionId: string;
                        /** @enum {string} */
                        status: "draft" | "running" | "paused" | "succeeded" | "rolled_back" | "aborted";
                        spec: {
                            [key: string]: unknown;
                        };
                        currentStep: number;
                        /** Format: date-time */
                        stepStartedAt: string | null;
                        /** Format: date-time */
                        evaluateAfter: string | null;
                        revision: number;
                        statusReason: string | null;
                        /** Format: uuid */
                        createdById: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        startedAt: string | null;
                        /** Format: date-time */
                        endedAt: string | null;
                        steps: {
                            index: number;
                            percent: number;
                            bakeSeconds: number;
                            /** @description Robots of this step by assignment state */
                            robots: {
                                [key: string]: number;
                            };
                        }[];
                        verdicts: {
                            id: string;
                            /** Format: uuid */
                            rolloutId: string;
                            stepIndex: number;
                            /** @enum {string} */
                            result: "pass" | "fail" | "inconclusive";
                            /** @enum {string} */
                            comparison: "control" | "baseline";
                            reason: string;
                            numbers: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        revert: {
                            reverted: number;
                            confirmed: number;
                        };
                        /** @description Name of the operator who created it (null if deleted) */
                        createdByName: string | null;
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rollouts_abort: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Rollout id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        /** Format: uuid */
                        policyVersionId: string;
                        /** @enum {string} */
                        status: "draft" | "running" | "paused" | "succeeded" | "rolled_back" | "aborted";
                        spec: {
                            [key: string]: unknown;
                        };
                        currentStep: number;
                        /** Format: date-time */
                        stepStartedAt: string | null;
                        /** Format: date-time */
                        evaluateAfter: string | null;
                        revision: number;
                        statusReason: string | null;
                        /** Format: uuid */
                        createdById: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        startedAt: string | null;
                        /** Format: date-time */
                        endedAt: string | null;
                        steps: {
                            index: number;
                            percent: number;
                            bakeSeconds: number;
                            /** @description Robots of this step by assignment state */
                            robots: {
                                [key: string]: number;
                            };
                        }[];
                        verdicts: {
                            id: string;
                            /** Format: uuid */
                            rolloutId: string;
                            stepIndex: number;
                            /** @enum {string} */
                            result: "pass" | "fail" | "inconclusive";
                            /** @enum {string} */
                            comparison: "control" | "baseline";
                            reason: string;
                            numbers: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        revert: {
                            reverted: number;
                            confirmed: number;
                        };
                        /** @description Name of the operator who created it (null if deleted) */
                        createdByName: string | null;
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    telemetry_ingest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    records: {
                        seq: number;
                        /** Format: date-time */
                        windowStart: string;
                        /** Format: date-time */
                        windowEnd: string;
                        steps: number;
                        writes: number;
                        tau: number;
                        policyVersion: string;
                        stateBytes: number;
                        kvEquivalentBytes: number;
                        flashBytesWritten: number;
                        wearFraction: number;
                        deviceWear?: {
                            source: string;
                            value: number;
                        };
                        episodes: {
                            completed: number;
                            succeeded: number;
                        };
                        stepLatencyUs: {
                            p50: number;
                            p99: number;
                        };
                    }[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                        duplicates: number;
                        lastSeq: number;
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body or batch too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    telemetry_robotSeries: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                bucketSeconds?: number;
                groupId?: string;
            };
            header?: never;
            path: {
                /** @description Robot id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        robotId?: string;
                        /** Format: uuid */
                        groupId?: string | null;
                        /** Format: date-time */
                        from: string;
                        /** Format: date-time */
                        to: string;
                        bucketSeconds: number;
                        points: {
                            /** Format: date-time */
                            bucket: string;
                            robots: number;
                            steps: number;
                            writes: number;
                            writesPerStep: number | null;
                            writeRatePerSecond: number;
                            tau: number | null;
                            flashBytes: number;
                            maxWearFraction: number;
                            avgWearFraction: number;
                            maxDeviceWear: number | null;
                            episodesCompleted: number;
                            successRate: number | null;
                            latencyP50Us: number | null;
                            latencyP99Us: number | null;
                        }[];
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    telemetry_fleetSeries: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                bucketSeconds?: number;
                groupId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        robotId?: string;
                        /** Format: uuid */
                        groupId?: string | null;
                        /** Format: date-time */
                        from: string;
                        /** Format: date-time */
                        to: string;
                        bucketSeconds: number;
                        points: {
                            /** Format: date-time */
                            bucket: string;
                            robots: number;
                            steps: number;
                            writes: number;
                            writesPerStep: number | null;
                            writeRatePerSecond: number;
                            tau: number | null;
                            flashBytes: number;
                            maxWearFraction: number;
                            avgWearFraction: number;
                            maxDeviceWear: number | null;
                            episodesCompleted: number;
                            successRate: number | null;
                            latencyP50Us: number | null;
                            latencyP99Us: number | null;
                        }[];
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    fleetSummary_summary: {
        parameters: {
            query?: {
                groupId?: string;
                windowMinutes?: number;
                /** @description projected flash life below this counts as below target (default: a 5-year service life) */
                lifeTargetDays?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        groupId: string | null;
                        /** Format: date-time */
                        at: string;
                        windowMinutes: number;
                        robots: {
                            total: number;
                            /** @description seen in the last 60 s */
                            online: number;
                            offline: number;
                            /** @description robots with telemetry in the window */
                            reporting: number;
                        };
                        window: {
                            steps: number;
                            writes: number;
                            writesPerStep: number | null;
                            writesPerHour: number;
                            flashBytes: number;
                        };
                        memory: {
                            /** @description AURA-Mem state, constant: 4,224 B */
                            stateBytesPerRobot: number;
                            /** @description what a same-dimension KV-cache would hold at the longest-running robot's step count */
                            maxKvEquivalentBytes: number;
                        };
                        flashLife: {
                            lifeTargetDays: number;
                            /** @description days; null = unbounded (no wear growth seen in the window) */
                            medianDays: number | null;
                            /** @description days; null = unbounded (no wear growth seen in the window) */
                            worstDays: number | null;
                            /** @description reporting robots whose projected flash life is below the target */
                            belowTarget: number;
                            /** @description up to 5 robots with the shortest finite projected life */
                            worst: {
                                /** Format: uuid */
                                robotId: string;
                                name: string;
                                projectedLifeDays: number;
                            }[];
                        };
                        wear: {
                            /** @description estimated fraction of rated endurance used, latest report */
                            medianFraction: number | null;
                            worstFraction: number | null;
                            /** @description highest wear a device reported itself (eMMC life_time, NVMe percentage used), as a fraction */
                            worstDeviceFraction: number | null;
                        };
                    };
                };
            };
            /** @description Malformed request; `details` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
}
