// Generated from apps/api/openapi.json by openapi-typescript (`pnpm api:generate`). Do not edit.

export interface paths {
    "/livez": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness (process only)
         * @description Always 200 while the process answers; checks neither PostgreSQL nor Redis (use /readyz for those). For liveness probes.
         */
        get: operations["health_livez"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
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
    "/v1/config-signing-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Config-signing keys and the newest key set */
        get: operations["signingKeys_list"];
        put?: never;
        /**
         * Create a standby config-signing key
         * @description Generates an Ed25519 key, stores its private half encrypted (CONFIG_KEY_ENCRYPTION_KEY) and signs a new key set that carries it to robots. It does not sign configs until activated.
         */
        post: operations["signingKeys_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config-signing-keys/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign configs with this key from now on
         * @description A standby key becomes active; the former active key goes on standby (still trusted).
         */
        post: operations["signingKeys_activate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config-signing-keys/{id}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retire a standby key (robots stop trusting it) */
        post: operations["signingKeys_retire"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config-signing-keys/{id}/planned-retirement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Plan (or clear) when a trusted key should retire
         * @description Sets the time an admin plans to retire this key, or clears it with null. Nothing retires the key by itself: `signing_key_retirement` alert rules fire while the time is within their lead time (docs/alerts.md). A time that is not in the future, or more than 3650 days ahead, is a 400 naming `plannedRetirementAt`; a retired or revoked key is a 409. Audited as `config_signing_key.plan_retirement`.
         */
        put: operations["signingKeys_planRetirement"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config-signing-keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a key (a leaked key): robots never trust it again */
        post: operations["signingKeys_revoke"];
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
         * @description ETag `"v<version>"`; send it as If-None-Match to get 304 when unchanged. `wait` long-polls up to 30 s. An agent that sends `x-aura-key-set-version` (the config-signing key-set version it trusts, 0 = its enrolment keys) gets the newer key sets in `keyUpdates`, and the envelope at the end of its wait instead of a 304 while its key set is behind.
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
    "/v1/agent/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Report the robot’s inventory and outbox counters
         * @description Sent by the agent at start and when its inventory or its dropped/quarantined counts change. Replaces the robot’s previous report; a robot can only report about itself. A backward-compatible addition to wire contract v1: agents that never send it keep working.
         */
        put: operations["agentReport_put"];
        post?: never;
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
        /**
         * List enrolment tokens, newest first, paged
         * @description Keyset paging: pass `nextCursor` as `cursor` until it is absent; tokens created meanwhile neither repeat nor hide one. `offset` is deprecated (a token created while paging shifts offset pages) and cannot be combined with `cursor`.
         */
        get: operations["enrollment_list"];
        put?: never;
        /**
         * Create an enrolment token
         * @description expiresInHours and maxUses are also bounded by the deployment (ENROLLMENT_TOKEN_MAX_LIFETIME_HOURS, ENROLLMENT_TOKEN_MAX_USES): over them → 400 naming the field.
         */
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
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys (never their secrets)
         * @description Admins see every operator’s keys (or one operator’s with `operatorId`); everyone else sees their own.
         */
        get: operations["operators_listKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operators/{id}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One operator’s API keys (its own, or anyone’s for an admin) */
        get: operations["operators_listOperatorKeys"];
        put?: never;
        /**
         * Create another API key for an operator
         * @description An operator creates keys for itself, an admin for anyone. The key is shown once; rotation is create, then revoke the old key.
         */
        post: operations["operators_createKey"];
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
        /**
         * Revoke an API key
         * @description An operator revokes its own keys, an admin anyone’s. The key is refused from the next request on. The last working admin key cannot be revoked (409).
         */
        post: operations["operators_revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List dashboard sessions (never their tokens)
         * @description Newest first, with operator, API key, sign-in, last request, expiry and state. Admins see every operator’s (or one’s with `operatorId`); everyone else sees their own. `state=active` (default) lists only sessions that still work.
         */
        get: operations["sessions_list"];
        put?: never;
        /**
         * Open a dashboard session (sign-in)
         * @description Called with the operator’s API key (a session token is refused: 403). Returns the session token once; it authenticates operator API calls as the key would, until sign-out, DASHBOARD_SESSION_MAX_AGE_HOURS (never past the key’s expiry), DASHBOARD_SESSION_IDLE_MINUTES without a request, or the key’s revocation or its operator’s disabling. Audited as dashboard_session.sign_in.
         */
        post: operations["sessions_open"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The calling dashboard session
         * @description Called with the session token (an API key: 403); an ended session: 401.
         */
        get: operations["sessions_current"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/current/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the calling dashboard session (sign-out)
         * @description Called with the session token; it stops working at once for every dashboard and API process. Audited as dashboard_session.sign_out.
         */
        post: operations["sessions_revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a dashboard session by id
         * @description One’s own session, or anyone’s for an admin (another operator’s is 404 to everyone else); it stops working at once for every dashboard and API process. 409 if it was already signed out or revoked. Audited as dashboard_session.revoke.
         */
        post: operations["sessions_revokeById"];
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
    "/v1/robots/{id}/decommission": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decommission a robot
         * @description Its secret is refused at once by every API process (no cache window); audited with the reason. Idempotent. 503 when Redis could not carry the invalidation (the processes then refuse the secret within 60 s; retry).
         */
        post: operations["robots_decommission"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/robots/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a robot a new secret
         * @description The new secret is in this answer only; the old one is refused at once by every API process. Install it as the robot’s credential (the agent resumes when its credential file changes). Audited.
         */
        post: operations["robots_rotateSecret"];
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
    "/v1/telemetry/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Raw telemetry records, paged (for export)
         * @description Records of one robot (`robotId`), a group (`groupId`) or the whole fleet whose window starts in [since, until), ordered by robot and seq. Pass `nextCursor` as `cursor` until it is absent.
         */
        get: operations["telemetryExport_page"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List alert rules */
        get: operations["alertRules_list"];
        put?: never;
        /**
         * Create an alert rule
         * @description Kinds, parameters and their defaults: docs/alerts.md. An unknown kind or a bad parameter is a 400 naming it.
         */
        post: operations["alertRules_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alert-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An alert rule */
        get: operations["alertRules_get"];
        /** Replace an alert rule (its open alerts are judged by the new settings at the next evaluation) */
        put: operations["alertRules_update"];
        post?: never;
        /** Delete an alert rule (its open alerts are resolved; history stays) */
        delete: operations["alertRules_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alert-rules/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test-fire: send a test notification listing what would fire now (no alert changes) */
        post: operations["alertRules_test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alert-channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List notification channels */
        get: operations["alertChannels_list"];
        put?: never;
        /**
         * Create a notification channel (the signing secret is in this answer only)
         * @description http(s) URLs only. Loopback, link-local and private targets — literal or resolved — are refused unless ALERTS_ALLOWED_TARGETS allows them.
         */
        post: operations["alertChannels_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alert-channels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A notification channel */
        get: operations["alertChannels_get"];
        /** Replace a channel’s name, kind, URL and routing key (the secret stays) */
        put: operations["alertChannels_update"];
        post?: never;
        /** Delete a channel no rule uses */
        delete: operations["alertChannels_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alerts (open ones with `state=firing`), newest first, each with whether a silence mutes it */
        get: operations["alerts_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every alert state change, newest first (cursor paging) */
        get: operations["alerts_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alert-notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Notifications sent, newest first, each with its deliveries and their attempt log */
        get: operations["alerts_notifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alert-notifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One notification with its delivery log */
        get: operations["alerts_notification"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alert-silences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Silences (active by default) */
        get: operations["alerts_silences"];
        put?: never;
        /** Silence a rule, a subject or both until the silence expires (a reason is required) */
        post: operations["alerts_createSilence"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alert-silences/{id}/expire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End a silence now */
        post: operations["alerts_expire"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/autopilot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The autopilot: settings, whether it is active (and why not), the model’s curve, last run, counts */
        get: operations["autopilot_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/autopilot/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the flash-life targets and guard rails (audited; a round follows when enabled)
         * @description The whole settings object (missing fields take their defaults). 400 names each bad field: a life target ≤ 0 or above 50 years, an empty τ range (tauMax below tauMin), an unknown group.
         */
        put: operations["autopilot_updateSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/autopilot/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recompute every recommendation now (the worker runs it; audited) */
        post: operations["autopilot_run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/autopilot/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every robot’s latest recommendation with its numbers and reason (shortest projected life first) */
        get: operations["autopilot_recommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/autopilot/proposals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The autopilot’s proposals (draft rollouts) with their predicted effect, newest first */
        get: operations["autopilot_proposalList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/autopilot/proposals/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a pending proposal: start its rollout (health gates and control cohort as proposed) */
        post: operations["autopilot_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/autopilot/proposals/{id}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dismiss a pending proposal: abort its draft; the move is not proposed again until inputs change */
        post: operations["autopilot_dismiss"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/autopilot/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The autopilot’s rounds, newest first: trigger, outcome, counts, model */
        get: operations["autopilot_runs"];
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
    health_livez: {
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
                        status: "ok";
                        uptimeSeconds: number;
                    };
                };
            };
        };
    };
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
                actorType?: "operator" | "robot" | "system";
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
                            /** @description The changed fields before the change (JSON; shape per action) */
                            before: unknown;
                            /** @description The changed fields after the change (JSON; shape per action) */
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
    signingKeys_list: {
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
                            keyId: string;
                            /** @description base64 SPKI DER of the Ed25519 public key */
                            publicKey: string;
                            /** @enum {string} */
                            status: "standby" | "active" | "retired" | "revoked";
                            /** @enum {string} */
                            storage: "database" | "environment";
                            development: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            activatedAt: string | null;
                            /** Format: date-time */
                            retiredAt: string | null;
                            /** Format: date-time */
                            revokedAt: string | null;
                            /** Format: date-time */
                            plannedRetirementAt: string | null;
                        }[];
                        keySet: {
                            version: number;
                            keys: {
                                keyId: string;
                                publicKey: string;
                            }[];
                            revoked: string[];
                            /** Format: date-time */
                            issuedAt: string;
                            signatures: {
                                keyId: string;
                                signature: string;
                            }[];
                        } | null;
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
    signingKeys_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description default: cfg-<date>-<random> */
                    keyId?: string;
                    reason?: string;
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
                        keyId: string;
                        /** @description base64 SPKI DER of the Ed25519 public key */
                        publicKey: string;
                        /** @enum {string} */
                        status: "standby" | "active" | "retired" | "revoked";
                        /** @enum {string} */
                        storage: "database" | "environment";
                        development: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        activatedAt: string | null;
                        /** Format: date-time */
                        retiredAt: string | null;
                        /** Format: date-time */
                        revokedAt: string | null;
                        /** Format: date-time */
                        plannedRetirementAt: string | null;
                        /** @description the key-set version robots are moved to */
                        keySetVersion: number;
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
    signingKeys_activate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Config-signing key id */
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
                        keyId: string;
                        /** @description base64 SPKI DER of the Ed25519 public key */
                        publicKey: string;
                        /** @enum {string} */
                        status: "standby" | "active" | "retired" | "revoked";
                        /** @enum {string} */
                        storage: "database" | "environment";
                        development: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        activatedAt: string | null;
                        /** Format: date-time */
                        retiredAt: string | null;
                        /** Format: date-time */
                        revokedAt: string | null;
                        /** Format: date-time */
                        plannedRetirementAt: string | null;
                        /** @description the key-set version robots are moved to */
                        keySetVersion: number;
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
    signingKeys_retire: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Config-signing key id */
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
                        keyId: string;
                        /** @description base64 SPKI DER of the Ed25519 public key */
                        publicKey: string;
                        /** @enum {string} */
                        status: "standby" | "active" | "retired" | "revoked";
                        /** @enum {string} */
                        storage: "database" | "environment";
                        development: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        activatedAt: string | null;
                        /** Format: date-time */
                        retiredAt: string | null;
                        /** Format: date-time */
                        revokedAt: string | null;
                        /** Format: date-time */
                        plannedRetirementAt: string | null;
                        /** @description the key-set version robots are moved to */
                        keySetVersion: number;
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
    signingKeys_planRetirement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Config-signing key id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    plannedRetirementAt: string | null;
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
                        keyId: string;
                        /** @description base64 SPKI DER of the Ed25519 public key */
                        publicKey: string;
                        /** @enum {string} */
                        status: "standby" | "active" | "retired" | "revoked";
                        /** @enum {string} */
                        storage: "database" | "environment";
                        development: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        activatedAt: string | null;
                        /** Format: date-time */
                        retiredAt: string | null;
                        /** Format: date-time */
                        revokedAt: string | null;
                        /** Format: date-time */
                        plannedRetirementAt: string | null;
                        /** @description the key-set version robots are moved to */
                        keySetVersion: number;
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
    signingKeys_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Config-signing key id */
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
                        keyId: string;
                        /** @description base64 SPKI DER of the Ed25519 public key */
                        publicKey: string;
                        /** @enum {string} */
                        status: "standby" | "active" | "retired" | "revoked";
                        /** @enum {string} */
                        storage: "database" | "environment";
                        development: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        activatedAt: string | null;
                        /** Format: date-time */
                        retiredAt: string | null;
                        /** Format: date-time */
                        revokedAt: string | null;
                        /** Format: date-time */
                        plannedRetirementAt: string | null;
                        /** @description the key-set version robots are moved to */
                        keySetVersion: number;
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
                        keyUpdates?: {
                            version: number;
                            keys: {
                                keyId: string;
                                publicKey: string;
                            }[];
                            revoked: string[];
                            /** Format: date-time */
                            issuedAt: string;
                            signatures: {
                                keyId: string;
                                signature: string;
                            }[];
                        }[];
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
    agentReport_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    inventory: {
                        agentVersion: string;
                        model: {
                            name?: string;
                            sha256: string;
                            executionProviders: string[];
                        };
                        onnxruntimeVersion: string;
                        nodeVersion: string;
                        os: {
                            platform: string;
                            release: string;
                            arch: string;
                            distro?: string;
                        };
                        flash?: {
                            device?: string;
                            model?: string;
                            /** @enum {string} */
                            kind?: "emmc" | "nvme" | "sd" | "ssd" | "other";
                            capacityBytes?: number;
                            ratedPeCycles?: number;
                            tbwBytes?: number;
                        };
                    };
                    outbox: {
                        pending: number;
                        dropped: number;
                        quarantined: number;
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
                        /** Format: date-time */
                        reportedAt: string;
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
            query?: {
                limit?: number;
                offset?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
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
                        /** @description Enrolment tokens in all */
                        total: number;
                        limit: number;
                        /** @description The offset asked for (deprecated; 0 when paging by cursor) */
                        offset: number;
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
                        /** @description Pass as `cursor` for the next (older) page; absent on the last page */
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
                                /**
                                 * Format: date-time
                                 * @description When it stops working; null: until revoked
                                 */
                                expiresAt: string | null;
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
    operators_listKeys: {
        parameters: {
            query?: {
                /** @description Only this operator’s keys (admins; others see their own) */
                operatorId?: string;
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
                            /** Format: uuid */
                            operatorId: string;
                            name: string;
                            prefix: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            lastUsedAt: string | null;
                            /**
                             * Format: date-time
                             * @description When it stops working; null: until revoked
                             */
                            expiresAt: string | null;
                            /** Format: date-time */
                            revokedAt: string | null;
                            operatorName: string;
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
    operators_listOperatorKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Operator id */
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
                            id: string;
                            /** Format: uuid */
                            operatorId: string;
                            name: string;
                            prefix: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            lastUsedAt: string | null;
                            /**
                             * Format: date-time
                             * @description When it stops working; null: until revoked
                             */
                            expiresAt: string | null;
                            /** Format: date-time */
                            revokedAt: string | null;
                            operatorName: string;
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
    operators_createKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Operator id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description The key stops working this many days after creation (none: until revoked) */
                    expiresInDays?: number;
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
                        operatorId: string;
                        name: string;
                        prefix: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        lastUsedAt: string | null;
                        /**
                         * Format: date-time
                         * @description When it stops working; null: until revoked
                         */
                        expiresAt: string | null;
                        /** Format: date-time */
                        revokedAt: string | null;
                        /** @description The key itself; shown once, only its hash is stored */
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
        };
    };
    sessions_list: {
        parameters: {
            query?: {
                /** @description Only this operator’s sessions (admins; others see their own) */
                operatorId?: string;
                /** @description `active`: sessions that still work (default); `all`: ended ones too */
                state?: "active" | "all";
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
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            operatorId: string;
                            operatorName: string;
                            /**
                             * Format: uuid
                             * @description The API key it acts with
                             */
                            apiKeyId: string;
                            apiKeyName: string;
                            /** @description The token’s lookup prefix (`ds_…`; the token begins `aura_` and this) */
                            prefix: string;
                            /**
                             * Format: date-time
                             * @description Sign-in
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description Its last request (kept to the minute)
                             */
                            lastSeenAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            revokedAt: string | null;
                            /** @description `sign_out`, or `revoked` by an operator */
                            revokedReason: string | null;
                            /** @enum {string} */
                            state: "active" | "signed_out" | "revoked" | "expired" | "idle" | "key_ended" | "operator_disabled";
                            /** @description The session making this request */
                            current: boolean;
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
    sessions_open: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
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
                        operatorId: string;
                        /** @description The operator’s name */
                        name: string;
                        /** @enum {string} */
                        role: "viewer" | "operator" | "admin";
                        /**
                         * Format: uuid
                         * @description The API key the session acts with; revoking it ends the session
                         */
                        apiKeyId: string;
                        /** Format: date-time */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description The session ends then at the latest (DASHBOARD_SESSION_MAX_AGE_HOURS)
                         */
                        expiresAt: string;
                        /** @description …or this long after its last request (DASHBOARD_SESSION_IDLE_MINUTES) */
                        idleTimeoutSeconds: number;
                        /** @description The session token (aura_ds_…); shown once, only its hash is stored */
                        token: string;
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
    sessions_current: {
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
                        id: string;
                        /** Format: uuid */
                        operatorId: string;
                        /** @description The operator’s name */
                        name: string;
                        /** @enum {string} */
                        role: "viewer" | "operator" | "admin";
                        /**
                         * Format: uuid
                         * @description The API key the session acts with; revoking it ends the session
                         */
                        apiKeyId: string;
                        /** Format: date-time */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description The session ends then at the latest (DASHBOARD_SESSION_MAX_AGE_HOURS)
                         */
                        expiresAt: string;
                        /** @description …or this long after its last request (DASHBOARD_SESSION_IDLE_MINUTES) */
                        idleTimeoutSeconds: number;
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
    sessions_revoke: {
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
                        id: string;
                        /** Format: date-time */
                        revokedAt: string;
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
    sessions_revokeById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dashboard session id */
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
                        revokedAt: string;
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
                /** @description the version its agent reports, exactly */
                agentVersion?: string;
                /** @description CPU architecture its agent reports, e.g. x64, arm64 */
                arch?: string;
                /** @description the kind of flash holding its agent state */
                flashKind?: "emmc" | "nvme" | "sd" | "ssd" | "other";
                /** @description decommissioned robots: left out (default), included, or only them */
                decommissioned?: "exclude" | "include" | "only";
                sort?: "name" | "lastSeenAt" | "enrolledAt";
                /** @description of the sort key, then of the id; robots never seen come last either way */
                order?: "asc" | "desc";
                limit?: number;
                offset?: number;
                /** @description nextCursor of the previous page (same sort and order); cannot be combined with offset */
                cursor?: string;
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
                        /** @description robots matching the query: exact when totalExact, else the planner’s estimate (over 10,000 matches) */
                        total: number;
                        /** @description false when total is an estimate */
                        totalExact: boolean;
                        limit: number;
                        /** @description the offset asked for (deprecated; 0 when paging by cursor) */
                        offset: number;
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            tags: string[];
                            /** @description As the robot reported it at enrolment */
                            hardware: {
                                model?: string;
                                /** @enum {string} */
                                storage?: "emmc" | "nvme" | "sd" | "ssd" | "other";
                                storageCapacityBytes?: number;
                                agentVersion?: string;
                            } | null;
                            /** Format: date-time */
                            enrolledAt: string;
                            /** Format: date-time */
                            lastSeenAt: string | null;
                            /**
                             * @description online: called the API within the last 60 s
                             * @enum {string}
                             */
                            status: "online" | "offline";
                            /** Format: uuid */
                            desiredPolicyVersionId: string | null;
                            desiredConfigVersion: number;
                            /** Format: uuid */
                            desiredRolloutId: string | null;
                            /** @description The policy version the robot is told to run */
                            desiredPolicy: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                policyId: string;
                                policyName: string;
                                version: number;
                                tau: number;
                            } | null;
                            /** Format: uuid */
                            appliedPolicyVersionId: string | null;
                            appliedConfigVersion: number;
                            /** Format: date-time */
                            appliedAt: string | null;
                            /** @description The policy version the robot last acknowledged */
                            appliedPolicy: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                policyId: string;
                                policyName: string;
                                version: number;
                                tau: number;
                            } | null;
                            lastSeq: number;
                            /** @description Its telemetry record with the highest seq */
                            latestTelemetry: {
                                seq: number;
                                /** Format: date-time */
                                windowStart: string;
                                /** Format: date-time */
                                windowEnd: string;
                                steps: number;
                                writes: number;
                                tau: number;
                                /**
                                 * Format: uuid
                                 * @description The policy version the robot ran in this window (its applied config’s policyVersionId); omitted before its first config
                                 */
                                policyVersionId?: string;
                                /**
                                 * @deprecated
                                 * @description Deprecated, accepted until the next release: what agents before policyVersionId sent. A UUID here counts as policyVersionId; anything else as unknown
                                 */
                                policyVersion?: string;
                                stateBytes: number;
                                kvEquivalentBytes: number;
                                flashBytesWritten: number;
                                wearFraction: number;
                                deviceWear?: {
                                    source: string;
                                    value: number;
                                };
                                /** @enum {string} */
                                persistMode?: "none" | "snapshot" | "delta-log";
                                episodes: {
                                    completed: number;
                                    succeeded: number;
                                };
                                stepLatencyUs: {
                                    p50: number;
                                    p99: number;
                                };
                            } | null;
                            groups: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            }[];
                            /**
                             * Format: date-time
                             * @description Set once decommissioned: its secret is refused
                             */
                            decommissionedAt: string | null;
                            /** @description What its agent last reported: software, hardware and outbox counters (null: no report yet, or an agent older than the report) */
                            agent: {
                                inventory: {
                                    agentVersion: string;
                                    model: {
                                        name?: string;
                                        sha256: string;
                                        executionProviders: string[];
                                    };
                                    onnxruntimeVersion: string;
                                    nodeVersion: string;
                                    os: {
                                        platform: string;
                                        release: string;
                                        arch: string;
                                        distro?: string;
                                    };
                                    flash?: {
                                        device?: string;
                                        model?: string;
                                        /** @enum {string} */
                                        kind?: "emmc" | "nvme" | "sd" | "ssd" | "other";
                                        capacityBytes?: number;
                                        ratedPeCycles?: number;
                                        tbwBytes?: number;
                                    };
                                };
                                outbox: {
                                    pending: number;
                                    dropped: number;
                                    quarantined: number;
                                };
                                /** Format: date-time */
                                reportedAt: string;
                            } | null;
                        }[];
                        /** @description Pass as `cursor` (same sort and order) for the next page; absent on the last page */
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
                        /** @description As the robot reported it at enrolment */
                        hardware: {
                            model?: string;
                            /** @enum {string} */
                            storage?: "emmc" | "nvme" | "sd" | "ssd" | "other";
                            storageCapacityBytes?: number;
                            agentVersion?: string;
                        } | null;
                        /** Format: date-time */
                        enrolledAt: string;
                        /** Format: date-time */
                        lastSeenAt: string | null;
                        /**
                         * @description online: called the API within the last 60 s
                         * @enum {string}
                         */
                        status: "online" | "offline";
                        /** Format: uuid */
                        desiredPolicyVersionId: string | null;
                        desiredConfigVersion: number;
                        /** Format: uuid */
                        desiredRolloutId: string | null;
                        /** @description The policy version the robot is told to run */
                        desiredPolicy: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            policyId: string;
                            policyName: string;
                            version: number;
                            tau: number;
                        } | null;
                        /** Format: uuid */
                        appliedPolicyVersionId: string | null;
                        appliedConfigVersion: number;
                        /** Format: date-time */
                        appliedAt: string | null;
                        /** @description The policy version the robot last acknowledged */
                        appliedPolicy: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            policyId: string;
                            policyName: string;
                            version: number;
                            tau: number;
                        } | null;
                        lastSeq: number;
                        /** @description Its telemetry record with the highest seq */
                        latestTelemetry: {
                            seq: number;
                            /** Format: date-time */
                            windowStart: string;
                            /** Format: date-time */
                            windowEnd: string;
                            steps: number;
                            writes: number;
                            tau: number;
                            /**
                             * Format: uuid
                             * @description The policy version the robot ran in this window (its applied config’s policyVersionId); omitted before its first config
                             */
                            policyVersionId?: string;
                            /**
                             * @deprecated
                             * @description Deprecated, accepted until the next release: what agents before policyVersionId sent. A UUID here counts as policyVersionId; anything else as unknown
                             */
                            policyVersion?: string;
                            stateBytes: number;
                            kvEquivalentBytes: number;
                            flashBytesWritten: number;
                            wearFraction: number;
                            deviceWear?: {
                                source: string;
                                value: number;
                            };
                            /** @enum {string} */
                            persistMode?: "none" | "snapshot" | "delta-log";
                            episodes: {
                                completed: number;
                                succeeded: number;
                            };
                            stepLatencyUs: {
                                p50: number;
                                p99: number;
                            };
                        } | null;
                        groups: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                        }[];
                        /**
                         * Format: date-time
                         * @description Set once decommissioned: its secret is refused
                         */
                        decommissionedAt: string | null;
                        /** @description What its agent last reported: software, hardware and outbox counters (null: no report yet, or an agent older than the report) */
                        agent: {
                            inventory: {
                                agentVersion: string;
                                model: {
                                    name?: string;
                                    sha256: string;
                                    executionProviders: string[];
                                };
                                onnxruntimeVersion: string;
                                nodeVersion: string;
                                os: {
                                    platform: string;
                                    release: string;
                                    arch: string;
                                    distro?: string;
                                };
                                flash?: {
                                    device?: string;
                                    model?: string;
                                    /** @enum {string} */
                                    kind?: "emmc" | "nvme" | "sd" | "ssd" | "other";
                                    capacityBytes?: number;
                                    ratedPeCycles?: number;
                                    tbwBytes?: number;
                                };
                            };
                            outbox: {
                                pending: number;
                                dropped: number;
                                quarantined: number;
                            };
                            /** Format: date-time */
                            reportedAt: string;
                        } | null;
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
                            policyVersion: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                policyId: string;
                                policyName: string;
                                version: number;
                                tau: number;
                            };
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
                        /** @description As the robot reported it at enrolment */
                        hardware: {
                            model?: string;
                            /** @enum {string} */
                            storage?: "emmc" | "nvme" | "sd" | "ssd" | "other";
                            storageCapacityBytes?: number;
                            agentVersion?: string;
                        } | null;
                        /** Format: date-time */
                        enrolledAt: string;
                        /** Format: date-time */
                        lastSeenAt: string | null;
                        /**
                         * @description online: called the API within the last 60 s
                         * @enum {string}
                         */
                        status: "online" | "offline";
                        /** Format: uuid */
                        desiredPolicyVersionId: string | null;
                        desiredConfigVersion: number;
                        /** Format: uuid */
                        desiredRolloutId: string | null;
                        /** @description The policy version the robot is told to run */
                        desiredPolicy: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            policyId: string;
                            policyName: string;
                            version: number;
                            tau: number;
                        } | null;
                        /** Format: uuid */
                        appliedPolicyVersionId: string | null;
                        appliedConfigVersion: number;
                        /** Format: date-time */
                        appliedAt: string | null;
                        /** @description The policy version the robot last acknowledged */
                        appliedPolicy: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            policyId: string;
                            policyName: string;
                            version: number;
                            tau: number;
                        } | null;
                        lastSeq: number;
                        /** @description Its telemetry record with the highest seq */
                        latestTelemetry: {
                            seq: number;
                            /** Format: date-time */
                            windowStart: string;
                            /** Format: date-time */
                            windowEnd: string;
                            steps: number;
                            writes: number;
                            tau: number;
                            /**
                             * Format: uuid
                             * @description The policy version the robot ran in this window (its applied config’s policyVersionId); omitted before its first config
                             */
                            policyVersionId?: string;
                            /**
                             * @deprecated
                             * @description Deprecated, accepted until the next release: what agents before policyVersionId sent. A UUID here counts as policyVersionId; anything else as unknown
                             */
                            policyVersion?: string;
                            stateBytes: number;
                            kvEquivalentBytes: number;
                            flashBytesWritten: number;
                            wearFraction: number;
                            deviceWear?: {
                                source: string;
                                value: number;
                            };
                            /** @enum {string} */
                            persistMode?: "none" | "snapshot" | "delta-log";
                            episodes: {
                                completed: number;
                                succeeded: number;
                            };
                            stepLatencyUs: {
                                p50: number;
                                p99: number;
                            };
                        } | null;
                        groups: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                        }[];
                        /**
                         * Format: date-time
                         * @description Set once decommissioned: its secret is refused
                         */
                        decommissionedAt: string | null;
                        /** @description What its agent last reported: software, hardware and outbox counters (null: no report yet, or an agent older than the report) */
                        agent: {
                            inventory: {
                                agentVersion: string;
                                model: {
                                    name?: string;
                                    sha256: string;
                                    executionProviders: string[];
                                };
                                onnxruntimeVersion: string;
                                nodeVersion: string;
                                os: {
                                    platform: string;
                                    release: string;
                                    arch: string;
                                    distro?: string;
                                };
                                flash?: {
                                    device?: string;
                                    model?: string;
                                    /** @enum {string} */
                                    kind?: "emmc" | "nvme" | "sd" | "ssd" | "other";
                                    capacityBytes?: number;
                                    ratedPeCycles?: number;
                                    tbwBytes?: number;
                                };
                            };
                            outbox: {
                                pending: number;
                                dropped: number;
                                quarantined: number;
                            };
                            /** Format: date-time */
                            reportedAt: string;
                        } | null;
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
                                /** Format: uuid */
                                policyId: string;
                                policyName: string;
                                version: number;
                                tau: number;
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
    robots_decommission: {
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
                        tags: string[];
                        /** @description As the robot reported it at enrolment */
                        hardware: {
                            model?: string;
                            /** @enum {string} */
                            storage?: "emmc" | "nvme" | "sd" | "ssd" | "other";
                            storageCapacityBytes?: number;
                            agentVersion?: string;
                        } | null;
                        /** Format: date-time */
                        enrolledAt: string;
                        /** Format: date-time */
                        lastSeenAt: string | null;
                        /**
                         * @description online: called the API within the last 60 s
                         * @enum {string}
                         */
                        status: "online" | "offline";
                        /** Format: uuid */
                        desiredPolicyVersionId: string | null;
                        desiredConfigVersion: number;
                        /** Format: uuid */
                        desiredRolloutId: string | null;
                        /** @description The policy version the robot is told to run */
                        desiredPolicy: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            policyId: string;
                            policyName: string;
                            version: number;
                            tau: number;
                        } | null;
                        /** Format: uuid */
                        appliedPolicyVersionId: string | null;
                        appliedConfigVersion: number;
                        /** Format: date-time */
                        appliedAt: string | null;
                        /** @description The policy version the robot last acknowledged */
                        appliedPolicy: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            policyId: string;
                            policyName: string;
                            version: number;
                            tau: number;
                        } | null;
                        lastSeq: number;
                        /** @description Its telemetry record with the highest seq */
                        latestTelemetry: {
                            seq: number;
                            /** Format: date-time */
                            windowStart: string;
                            /** Format: date-time */
                            windowEnd: string;
                            steps: number;
                            writes: number;
                            tau: number;
                            /**
                             * Format: uuid
                             * @description The policy version the robot ran in this window (its applied config’s policyVersionId); omitted before its first config
                             */
                            policyVersionId?: string;
                            /**
                             * @deprecated
                             * @description Deprecated, accepted until the next release: what agents before policyVersionId sent. A UUID here counts as policyVersionId; anything else as unknown
                             */
                            policyVersion?: string;
                            stateBytes: number;
                            kvEquivalentBytes: number;
                            flashBytesWritten: number;
                            wearFraction: number;
                            deviceWear?: {
                                source: string;
                                value: number;
                            };
                            /** @enum {string} */
                            persistMode?: "none" | "snapshot" | "delta-log";
                            episodes: {
                                completed: number;
                                succeeded: number;
                            };
                            stepLatencyUs: {
                                p50: number;
                                p99: number;
                            };
                        } | null;
                        groups: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                        }[];
                        /**
                         * Format: date-time
                         * @description Set once decommissioned: its secret is refused
                         */
                        decommissionedAt: string | null;
                        /** @description What its agent last reported: software, hardware and outbox counters (null: no report yet, or an agent older than the report) */
                        agent: {
                            inventory: {
                                agentVersion: string;
                                model: {
                                    name?: string;
                                    sha256: string;
                                    executionProviders: string[];
                                };
                                onnxruntimeVersion: string;
                                nodeVersion: string;
                                os: {
                                    platform: string;
                                    release: string;
                                    arch: string;
                                    distro?: string;
                                };
                                flash?: {
                                    device?: string;
                                    model?: string;
                                    /** @enum {string} */
                                    kind?: "emmc" | "nvme" | "sd" | "ssd" | "other";
                                    capacityBytes?: number;
                                    ratedPeCycles?: number;
                                    tbwBytes?: number;
                                };
                            };
                            outbox: {
                                pending: number;
                                dropped: number;
                                quarantined: number;
                            };
                            /** Format: date-time */
                            reportedAt: string;
                        } | null;
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
    robots_rotateSecret: {
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
                        robotId: string;
                        /** @description Shown once; install it as the robot’s credential */
                        robotSecret: string;
                        /** Format: date-time */
                        rotatedAt: string;
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
                        /** @description Rollouts matching the filter */
                        total: number;
                        limit: number;
                        offset: number;
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            policyVersionId: string;
                            /** @enum {string} */
                            status: "draft" | "running" | "paused" | "succeeded" | "rolled_back" | "aborted";
                            /** @description As created, with every default filled in */
                            spec: {
                                /** Format: uuid */
                                policyVersionId: string;
                                target: {
                                    /** @default [] */
                                    groupIds: string[];
                                    /** @default [] */
                                    tags: string[];
                                    /** @default [] */
                                    robotIds: string[];
                                    /** @description npm semver range the agent version must satisfy (pre-releases only when the range names one) */
                                    agentVersions?: string;
                                    /** @description CPU architectures as the agent reports them (Node.js process.arch: x64, arm64, arm, …) */
                                    arch?: string[];
                                    /** @description kind of the flash device holding the agent state, as reported */
                                    flashKinds?: ("emmc" | "nvme" | "sd" | "ssd" | "other")[];
                                };
                                steps: {
                                    percent: number;
                                    bakeSeconds: number;
                                }[];
                                /**
                                 * @default {
                                 *       "maxWriteRateIncrease": 0.25,
                                 *       "maxSuccessRateDrop": 0.05,
                                 *       "minProjectedFlashLifeDays": 365,
                                 *       "minRobotsPerCohort": 3,
                                 *       "minSamplesPerCohort": 1000,
                                 *       "requireSignificance": true
                                 *     }
                                 */
                                gates: {
                                    /** @default 0.25 */
                                    maxWriteRateIncrease: number;
                                    /** @default 0.05 */
                                    maxSuccessRateDrop: number;
                                    /** @default 365 */
                                    minProjectedFlashLifeDays: number;
                                    /** @default 3 */
                                    minRobotsPerCohort: number;
                                    /** @default 1000 */
                                    minSamplesPerCohort: number;
                                    /** @default true */
                                    requireSignificance: boolean;
                                };
                                /**
                                 * @default rollback
                                 * @enum {string}
                                 */
                                onFailure: "rollback" | "pause";
                                rateLimitPerMinute?: number;
                                applyWindow?: {
                                    start: string;
                                    end: string;
                                };
                                /** @default 600 */
                                inconclusiveDeadlineSeconds: number;
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
                        /** Format: uuid */
                        policyVersionId: string;
                        target: {
                            /** @default [] */
                            groupIds?: string[];
                            /** @default [] */
                            tags?: string[];
                            /** @default [] */
                            robotIds?: string[];
                            /** @description npm semver range the agent version must satisfy (pre-releases only when the range names one) */
                            agentVersions?: string;
                            /** @description CPU architectures as the agent reports them (Node.js process.arch: x64, arm64, arm, …) */
                            arch?: string[];
                            /** @description kind of the flash device holding the agent state, as reported */
                            flashKinds?: ("emmc" | "nvme" | "sd" | "ssd" | "other")[];
                        };
                        steps: {
                            percent: number;
                            bakeSeconds: number;
                        }[];
                        /**
                         * @default {
                         *       "maxWriteRateIncrease": 0.25,
                         *       "maxSuccessRateDrop": 0.05,
                         *       "minProjectedFlashLifeDays": 365,
                         *       "minRobotsPerCohort": 3,
                         *       "minSamplesPerCohort": 1000,
                         *       "requireSignificance": true
                         *     }
                         */
                        gates?: {
                            /** @default 0.25 */
                            maxWriteRateIncrease?: number;
                            /** @default 0.05 */
                            maxSuccessRateDrop?: number;
                            /** @default 365 */
                            minProjectedFlashLifeDays?: number;
                            /** @default 3 */
                            minRobotsPerCohort?: number;
                            /** @default 1000 */
                            minSamplesPerCohort?: number;
                            /** @default true */
                            requireSignificance?: boolean;
                        };
                        /**
                         * @default rollback
                         * @enum {string}
                         */
                        onFailure?: "rollback" | "pause";
                        rateLimitPerMinute?: number;
                        applyWindow?: {
                            start: string;
                            end: string;
                        };
                        /** @default 600 */
                        inconclusiveDeadlineSeconds?: number;
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
                        /** @description As created, with every default filled in */
                        spec: {
                            /** Format: uuid */
                            policyVersionId: string;
                            target: {
                                /** @default [] */
                                groupIds: string[];
                                /** @default [] */
                                tags: string[];
                                /** @default [] */
                                robotIds: string[];
                                /** @description npm semver range the agent version must satisfy (pre-releases only when the range names one) */
                                agentVersions?: string;
                                /** @description CPU architectures as the agent reports them (Node.js process.arch: x64, arm64, arm, …) */
                                arch?: string[];
                                /** @description kind of the flash device holding the agent state, as reported */
                                flashKinds?: ("emmc" | "nvme" | "sd" | "ssd" | "other")[];
                            };
                            steps: {
                                percent: number;
                                bakeSeconds: number;
                            }[];
                            /**
                             * @default {
                             *       "maxWriteRateIncrease": 0.25,
                             *       "maxSuccessRateDrop": 0.05,
                             *       "minProjectedFlashLifeDays": 365,
                             *       "minRobotsPerCohort": 3,
                             *       "minSamplesPerCohort": 1000,
                             *       "requireSignificance": true
                             *     }
                             */
                            gates: {
                                /** @default 0.25 */
                                maxWriteRateIncrease: number;
                                /** @default 0.05 */
                                maxSuccessRateDrop: number;
                                /** @default 365 */
                                minProjectedFlashLifeDays: number;
                                /** @default 3 */
                                minRobotsPerCohort: number;
                                /** @default 1000 */
                                minSamplesPerCohort: number;
                                /** @default true */
                                requireSignificance: boolean;
                            };
                            /**
                             * @default rollback
                             * @enum {string}
                             */
                            onFailure: "rollback" | "pause";
                            rateLimitPerMinute?: number;
                            applyWindow?: {
                                start: string;
                                end: string;
                            };
                            /** @default 600 */
                            inconclusiveDeadlineSeconds: number;
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
                        /** Format: uuid */
                        policyVersionId: string;
                        target: {
                            /** @default [] */
                            groupIds?: string[];
                            /** @default [] */
                            tags?: string[];
                            /** @default [] */
                            robotIds?: string[];
                            /** @description npm semver range the agent version must satisfy (pre-releases only when the range names one) */
                            agentVersions?: string;
                            /** @description CPU architectures as the agent reports them (Node.js process.arch: x64, arm64, arm, …) */
                            arch?: string[];
                            /** @description kind of the flash device holding the agent state, as reported */
                            flashKinds?: ("emmc" | "nvme" | "sd" | "ssd" | "other")[];
                        };
                        steps: {
                            percent: number;
                            bakeSeconds: number;
                        }[];
                        /**
                         * @default {
                         *       "maxWriteRateIncrease": 0.25,
                         *       "maxSuccessRateDrop": 0.05,
                         *       "minProjectedFlashLifeDays": 365,
                         *       "minRobotsPerCohort": 3,
                         *       "minSamplesPerCohort": 1000,
                         *       "requireSignificance": true
                         *     }
                         */
                        gates?: {
                            /** @default 0.25 */
                            maxWriteRateIncrease?: number;
                            /** @default 0.05 */
                            maxSuccessRateDrop?: number;
                            /** @default 365 */
                            minProjectedFlashLifeDays?: number;
                            /** @default 3 */
                            minRobotsPerCohort?: number;
                            /** @default 1000 */
                            minSamplesPerCohort?: number;
                            /** @default true */
                            requireSignificance?: boolean;
                        };
                        /**
                         * @default rollback
                         * @enum {string}
                         */
                        onFailure?: "rollback" | "pause";
                        rateLimitPerMinute?: number;
                        applyWindow?: {
                            start: string;
                            end: string;
                        };
                        /** @default 600 */
                        inconclusiveDeadlineSeconds?: number;
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
                        /** @description Robots left out because their agent never reported (PUT /v1/agent/report): a target with agent facets cannot judge them */
                        unreported: number;
                        /** @description Robots left out because their reported agent version, arch or flash kind does not match */
                        notMatching: number;
                        policyVersion: {
                            /** Format: uuid */
                            id: string;
                            tau: number;
                        };
                        model: {
                            version: string;
                            task: string;
                            writeRateAtNewTau: number;
                            /**
                             * @description What the old-τ-vs-new-τ predictions come from: the model's committed τ curve, or (when it has no usable curve) a simulation of the model at both τ, which predicts writes only
                             * @enum {string}
                             */
                            prediction: "tau-curve" | "simulation";
                            /** @description Why the τ curve was not used (null when it was) */
                            predictionNote: string | null;
                            /** @description The τ curve's episode success rate at the new τ (null without a curve) */
                            successAtNewTau: number | null;
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
                            /** @description Median over the cohort's robots of the τ curve's episode success rate at each robot's current τ */
                            currentSuccess: number | null;
                            /** @description The τ curve's episode success rate at the new τ */
                            predictedSuccess: number | null;
                            /** @description Median over the robots of success at the new τ minus at their current τ (−0.02 = two points lower) */
                            predictedSuccessChange: number | null;
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
                        /** @description npm semver range the agent version must satisfy (pre-releases only when the range names one) */
                        agentVersions?: string;
                        /** @description CPU architectures as the agent reports them (Node.js process.arch: x64, arm64, arm, …) */
                        arch?: string[];
                        /** @description kind of the flash device holding the agent state, as reported */
                        flashKinds?: ("emmc" | "nvme" | "sd" | "ssd" | "other")[];
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
                        /** @description Robots in groups ∪ tags ∪ ids (the fleet when none is named), each once, that pass the agent facets */
                        robots: number;
                        /** @description Robots left out because their agent never reported (PUT /v1/agent/report): a target with agent facets cannot judge them */
                        unreported: number;
                        /** @description Robots left out because their reported agent version, arch or flash kind does not match */
                        notMatching: number;
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
                        /** @description Robots left out because their agent never reported (PUT /v1/agent/report): a target with agent facets cannot judge them */
                        unreported: number;
                        /** @description Robots left out because their reported agent version, arch or flash kind does not match */
                        notMatching: number;
                        policyVersion: {
                            /** Format: uuid */
                            id: string;
                            tau: number;
                        };
                        model: {
                            version: string;
                            task: string;
                            writeRateAtNewTau: number;
                            /**
                             * @description What the old-τ-vs-new-τ predictions come from: the model's committed τ curve, or (when it has no usable curve) a simulation of the model at both τ, which predicts writes only
                             * @enum {string}
                             */
                            prediction: "tau-curve" | "simulation";
                            /** @description Why the τ curve was not used (null when it was) */
                            predictionNote: string | null;
                            /** @description The τ curve's episode success rate at the new τ (null without a curve) */
                            successAtNewTau: number | null;
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
                            /** @description Median over the cohort's robots of the τ curve's episode success rate at each robot's current τ */
                            currentSuccess: number | null;
                            /** @description The τ curve's episode success rate at the new τ */
                            predictedSuccess: number | null;
                            /** @description Median over the robots of success at the new τ minus at their current τ (−0.02 = two points lower) */
                            predictedSuccessChange: number | null;
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
                        /** @description As created, with every default filled in */
                        spec: {
                            /** Format: uuid */
                            policyVersionId: string;
                            target: {
                                /** @default [] */
                                groupIds: string[];
                                /** @default [] */
                                tags: string[];
                                /** @default [] */
                                robotIds: string[];
                                /** @description npm semver range the agent version must satisfy (pre-releases only when the range names one) */
                                agentVersions?: string;
                                /** @description CPU architectures as the agent reports them (Node.js process.arch: x64, arm64, arm, …) */
                                arch?: string[];
                                /** @description kind of the flash device holding the agent state, as reported */
                                flashKinds?: ("emmc" | "nvme" | "sd" | "ssd" | "other")[];
                            };
                            steps: {
                                percent: number;
                                bakeSeconds: number;
                            }[];
                            /**
                             * @default {
                             *       "maxWriteRateIncrease": 0.25,
                             *       "maxSuccessRateDrop": 0.05,
                             *       "minProjectedFlashLifeDays": 365,
                             *       "minRobotsPerCohort": 3,
                             *       "minSamplesPerCohort": 1000,
                             *       "requireSignificance": true
                             *     }
                             */
                            gates: {
                                /** @default 0.25 */
                                maxWriteRateIncrease: number;
                                /** @default 0.05 */
                                maxSuccessRateDrop: number;
                                /** @default 365 */
                                minProjectedFlashLifeDays: number;
                                /** @default 3 */
                                minRobotsPerCohort: number;
                                /** @default 1000 */
                                minSamplesPerCohort: number;
                                /** @default true */
                                requireSignificance: boolean;
                            };
                            /**
                             * @default rollback
                             * @enum {string}
                             */
                            onFailure: "rollback" | "pause";
                            rateLimitPerMinute?: number;
                            applyWindow?: {
                                start: string;
                                end: string;
                            };
                            /** @default 600 */
                            inconclusiveDeadlineSeconds: number;
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
                        steps: {
                            index: number;
                            percent: number;
                            bakeSeconds: number;
                            /** @description Robots of this step by per-robot state */
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
                                cohort: {
                                    /** @description Members (switched, or control) */
                                    robots: number;
                                    /** @description Members that sent telemetry in the window */
                                    reporting: number;
                                    steps: number;
                                    writes: number;
                                    episodesCompleted: number;
                                    episodesSucceeded: number;
                                    /** @description Steps counted towards the sample minimum (each robot capped); absent on older verdicts */
                                    samples?: number;
                                    /** @description Writes per step (a trimmed mean over robots) */
                                    writeRate: number | null;
                                    /** @description Episode success rate (a trimmed mean over robots) */
                                    successRate: number | null;
                                    /** @description Shortest projected flash life; null = unbounded */
                                    minProjectedLifeDays: number | null;
                                    /** @description Robots set aside at each end; absent on older verdicts */
                                    trimmed?: number;
                                    /** @description Standard error of writeRate across robots (Yuen); absent on older verdicts */
                                    writeRateStdError?: number | null;
                                    /** @description Robots the spread of writeRate rests on */
                                    writeRateKept?: number;
                                    /** @description Standard error of successRate across robots (Yuen); absent on older verdicts */
                                    successRateStdError?: number | null;
                                    /** @description Robots the spread of successRate rests on */
                                    successRateKept?: number;
                                };
                                reference: {
                                    /** @description Members (switched, or control) */
                                    robots: number;
                                    /** @description Members that sent telemetry in the window */
                                    reporting: number;
                                    steps: number;
                                    writes: number;
                                    episodesCompleted: number;
                                    episodesSucceeded: number;
                                    /** @description Steps counted towards the sample minimum (each robot capped); absent on older verdicts */
                                    samples?: number;
                                    /** @description Writes per step (a trimmed mean over robots) */
                                    writeRate: number | null;
                                    /** @description Episode success rate (a trimmed mean over robots) */
                                    successRate: number | null;
                                    /** @description Shortest projected flash life; null = unbounded */
                                    minProjectedLifeDays: number | null;
                                    /** @description Robots set aside at each end; absent on older verdicts */
                                    trimmed?: number;
                                    /** @description Standard error of writeRate across robots (Yuen); absent on older verdicts */
                                    writeRateStdError?: number | null;
                                    /** @description Robots the spread of writeRate rests on */
                                    writeRateKept?: number;
                                    /** @description Standard error of successRate across robots (Yuen); absent on older verdicts */
                                    successRateStdError?: number | null;
                                    /** @description Robots the spread of successRate rests on */
                                    successRateKept?: number;
                                };
                                unreachable: number;
                                /** @description Cohort write rate over the reference’s, minus 1 */
                                writeRateIncrease: number | null;
                                /** @description Reference success rate minus the cohort’s */
                                successRateDrop: number | null;
                                /** @description Is the write-rate difference above noise? Absent on older verdicts */
                                writeRateTest?: {
                                    /** @description Difference over its standard error; null when a side has no spread */
                                    t: number | null;
                                    /** @description Welch degrees of freedom */
                                    df: number | null;
                                    /** @description 1 − α quantile of Student’s t at ⌊df⌋ that t must exceed (α: the verdict’s `alpha`; 2.5 % on older verdicts) */
                                    critical: number | null;
                                    significant: boolean;
                                } | null;
                                /** @description Is the success-rate drop above noise? Absent on older verdicts */
                                successRateTest?: {
                                    /** @description Difference over its standard error; null when a side has no spread */
                                    t: number | null;
                                    /** @description Welch degrees of freedom */
                                    df: number | null;
                                    /** @description 1 − α quantile of Student’s t at ⌊df⌋ that t must exceed (α: the verdict’s `alpha`; 2.5 % on older verdicts) */
                                    critical: number | null;
                                    significant: boolean;
                                } | null;
                                /** @description Which tested evaluation of the step this was (1 = at the end of its bake); null when it stopped before testing (too few robots or samples). Absent on older verdicts */
                                look?: number | null;
                                /** @description One-sided level of this look’s noise tests: 2.5 % · 6 / (π² · look²), so all of a step’s looks together fail by chance at most 2.5 % of the time */
                                alpha?: number | null;
                            };
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        revert: {
                            reverted: number;
                            confirmed: number;
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
                        /** @description As created, with every default filled in */
                        spec: {
                            /** Format: uuid */
                            policyVersionId: string;
                            target: {
                                /** @default [] */
                                groupIds: string[];
                                /** @default [] */
                                tags: string[];
                                /** @default [] */
                                robotIds: string[];
                                /** @description npm semver range the agent version must satisfy (pre-releases only when the range names one) */
                                agentVersions?: string;
                                /** @description CPU architectures as the agent reports them (Node.js process.arch: x64, arm64, arm, …) */
                                arch?: string[];
                                /** @description kind of the flash device holding the agent state, as reported */
                                flashKinds?: ("emmc" | "nvme" | "sd" | "ssd" | "other")[];
                            };
                            steps: {
                                percent: number;
                                bakeSeconds: number;
                            }[];
                            /**
                             * @default {
                             *       "maxWriteRateIncrease": 0.25,
                             *       "maxSuccessRateDrop": 0.05,
                             *       "minProjectedFlashLifeDays": 365,
                             *       "minRobotsPerCohort": 3,
                             *       "minSamplesPerCohort": 1000,
                             *       "requireSignificance": true
                             *     }
                             */
                            gates: {
                                /** @default 0.25 */
                                maxWriteRateIncrease: number;
                                /** @default 0.05 */
                                maxSuccessRateDrop: number;
                                /** @default 365 */
                                minProjectedFlashLifeDays: number;
                                /** @default 3 */
                                minRobotsPerCohort: number;
                                /** @default 1000 */
                                minSamplesPerCohort: number;
                                /** @default true */
                                requireSignificance: boolean;
                            };
                            /**
                             * @default rollback
                             * @enum {string}
                             */
                            onFailure: "rollback" | "pause";
                            rateLimitPerMinute?: number;
                            applyWindow?: {
                                start: string;
                                end: string;
                            };
                            /** @default 600 */
                            inconclusiveDeadlineSeconds: number;
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
                        steps: {
                            index: number;
                            percent: number;
                            bakeSeconds: number;
                            /** @description Robots of this step by per-robot state */
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
                                cohort: {
                                    /** @description Members (switched, or control) */
                                    robots: number;
                                    /** @description Members that sent telemetry in the window */
                                    reporting: number;
                                    steps: number;
                                    writes: number;
                                    episodesCompleted: number;
                                    episodesSucceeded: number;
                                    /** @description Steps counted towards the sample minimum (each robot capped); absent on older verdicts */
                                    samples?: number;
                                    /** @description Writes per step (a trimmed mean over robots) */
                                    writeRate: number | null;
                                    /** @description Episode success rate (a trimmed mean over robots) */
                                    successRate: number | null;
                                    /** @description Shortest projected flash life; null = unbounded */
                                    minProjectedLifeDays: number | null;
                                    /** @description Robots set aside at each end; absent on older verdicts */
                                    trimmed?: number;
                                    /** @description Standard error of writeRate across robots (Yuen); absent on older verdicts */
                                    writeRateStdError?: number | null;
                                    /** @description Robots the spread of writeRate rests on */
                                    writeRateKept?: number;
                                    /** @description Standard error of successRate across robots (Yuen); absent on older verdicts */
                                    successRateStdError?: number | null;
                                    /** @description Robots the spread of successRate rests on */
                                    successRateKept?: number;
                                };
                                reference: {
                                    /** @description Members (switched, or control) */
                                    robots: number;
                                    /** @description Members that sent telemetry in the window */
                                    reporting: number;
                                    steps: number;
                                    writes: number;
                                    episodesCompleted: number;
                                    episodesSucceeded: number;
                                    /** @description Steps counted towards the sample minimum (each robot capped); absent on older verdicts */
                                    samples?: number;
                                    /** @description Writes per step (a trimmed mean over robots) */
                                    writeRate: number | null;
                                    /** @description Episode success rate (a trimmed mean over robots) */
                                    successRate: number | null;
                                    /** @description Shortest projected flash life; null = unbounded */
                                    minProjectedLifeDays: number | null;
                                    /** @description Robots set aside at each end; absent on older verdicts */
                                    trimmed?: number;
                                    /** @description Standard error of writeRate across robots (Yuen); absent on older verdicts */
                                    writeRateStdError?: number | null;
                                    /** @description Robots the spread of writeRate rests on */
                                    writeRateKept?: number;
                                    /** @description Standard error of successRate across robots (Yuen); absent on older verdicts */
                                    successRateStdError?: number | null;
                                    /** @description Robots the spread of successRate rests on */
                                    successRateKept?: number;
                                };
                                unreachable: number;
                                /** @description Cohort write rate over the reference’s, minus 1 */
                                writeRateIncrease: number | null;
                                /** @description Reference success rate minus the cohort’s */
                                successRateDrop: number | null;
                                /** @description Is the write-rate difference above noise? Absent on older verdicts */
                                writeRateTest?: {
                                    /** @description Difference over its standard error; null when a side has no spread */
                                    t: number | null;
                                    /** @description Welch degrees of freedom */
                                    df: number | null;
                                    /** @description 1 − α quantile of Student’s t at ⌊df⌋ that t must exceed (α: the verdict’s `alpha`; 2.5 % on older verdicts) */
                                    critical: number | null;
                                    significant: boolean;
                                } | null;
                                /** @description Is the success-rate drop above noise? Absent on older verdicts */
                                successRateTest?: {
                                    /** @description Difference over its standard error; null when a side has no spread */
                                    t: number | null;
                                    /** @description Welch degrees of freedom */
                                    df: number | null;
                                    /** @description 1 − α quantile of Student’s t at ⌊df⌋ that t must exceed (α: the verdict’s `alpha`; 2.5 % on older verdicts) */
                                    critical: number | null;
                                    significant: boolean;
                                } | null;
                                /** @description Which tested evaluation of the step this was (1 = at the end of its bake); null when it stopped before testing (too few robots or samples). Absent on older verdicts */
                                look?: number | null;
                                /** @description One-sided level of this look’s noise tests: 2.5 % · 6 / (π² · look²), so all of a step’s looks together fail by chance at most 2.5 % of the time */
                                alpha?: number | null;
                            };
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        revert: {
                            reverted: number;
                            confirmed: number;
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
                        /** @description As created, with every default filled in */
                        spec: {
                            /** Format: uuid */
                            policyVersionId: string;
                            target: {
                                /** @default [] */
                                groupIds: string[];
                                /** @default [] */
                                tags: string[];
                                /** @default [] */
                                robotIds: string[];
                                /** @description npm semver range the agent version must satisfy (pre-releases only when the range names one) */
                                agentVersions?: string;
                                /** @description CPU architectures as the agent reports them (Node.js process.arch: x64, arm64, arm, …) */
                                arch?: string[];
                                /** @description kind of the flash device holding the agent state, as reported */
                                flashKinds?: ("emmc" | "nvme" | "sd" | "ssd" | "other")[];
                            };
                            steps: {
                                percent: number;
                                bakeSeconds: number;
                            }[];
                            /**
                             * @default {
                             *       "maxWriteRateIncrease": 0.25,
                             *       "maxSuccessRateDrop": 0.05,
                             *       "minProjectedFlashLifeDays": 365,
                             *       "minRobotsPerCohort": 3,
                             *       "minSamplesPerCohort": 1000,
                             *       "requireSignificance": true
                             *     }
                             */
                            gates: {
                                /** @default 0.25 */
                                maxWriteRateIncrease: number;
                                /** @default 0.05 */
                                maxSuccessRateDrop: number;
                                /** @default 365 */
                                minProjectedFlashLifeDays: number;
                                /** @default 3 */
                                minRobotsPerCohort: number;
                                /** @default 1000 */
                                minSamplesPerCohort: number;
                                /** @default true */
                                requireSignificance: boolean;
                            };
                            /**
                             * @default rollback
                             * @enum {string}
                             */
                            onFailure: "rollback" | "pause";
                            rateLimitPerMinute?: number;
                            applyWindow?: {
                                start: string;
                                end: string;
                            };
                            /** @default 600 */
                            inconclusiveDeadlineSeconds: number;
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
                        steps: {
                            index: number;
                            percent: number;
                            bakeSeconds: number;
                            /** @description Robots of this step by per-robot state */
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
                                cohort: {
                                    /** @description Members (switched, or control) */
                                    robots: number;
                                    /** @description Members that sent telemetry in the window */
                                    reporting: number;
                                    steps: number;
                                    writes: number;
                                    episodesCompleted: number;
                                    episodesSucceeded: number;
                                    /** @description Steps counted towards the sample minimum (each robot capped); absent on older verdicts */
                                    samples?: number;
                                    /** @description Writes per step (a trimmed mean over robots) */
                                    writeRate: number | null;
                                    /** @description Episode success rate (a trimmed mean over robots) */
                                    successRate: number | null;
                                    /** @description Shortest projected flash life; null = unbounded */
                                    minProjectedLifeDays: number | null;
                                    /** @description Robots set aside at each end; absent on older verdicts */
                                    trimmed?: number;
                                    /** @description Standard error of writeRate across robots (Yuen); absent on older verdicts */
                                    writeRateStdError?: number | null;
                                    /** @description Robots the spread of writeRate rests on */
                                    writeRateKept?: number;
                                    /** @description Standard error of successRate across robots (Yuen); absent on older verdicts */
                                    successRateStdError?: number | null;
                                    /** @description Robots the spread of successRate rests on */
                                    successRateKept?: number;
                                };
                                reference: {
                                    /** @description Members (switched, or control) */
                                    robots: number;
                                    /** @description Members that sent telemetry in the window */
                                    reporting: number;
                                    steps: number;
                                    writes: number;
                                    episodesCompleted: number;
                                    episodesSucceeded: number;
                                    /** @description Steps counted towards the sample minimum (each robot capped); absent on older verdicts */
                                    samples?: number;
                                    /** @description Writes per step (a trimmed mean over robots) */
                                    writeRate: number | null;
                                    /** @description Episode success rate (a trimmed mean over robots) */
                                    successRate: number | null;
                                    /** @description Shortest projected flash life; null = unbounded */
                                    minProjectedLifeDays: number | null;
                                    /** @description Robots set aside at each end; absent on older verdicts */
                                    trimmed?: number;
                                    /** @description Standard error of writeRate across robots (Yuen); absent on older verdicts */
                                    writeRateStdError?: number | null;
                                    /** @description Robots the spread of writeRate rests on */
                                    writeRateKept?: number;
                                    /** @description Standard error of successRate across robots (Yuen); absent on older verdicts */
                                    successRateStdError?: number | null;
                                    /** @description Robots the spread of successRate rests on */
                                    successRateKept?: number;
                                };
                                unreachable: number;
                                /** @description Cohort write rate over the reference’s, minus 1 */
                                writeRateIncrease: number | null;
                                /** @description Reference success rate minus the cohort’s */
                                successRateDrop: number | null;
                                /** @description Is the write-rate difference above noise? Absent on older verdicts */
                                writeRateTest?: {
                                    /** @description Difference over its standard error; null when a side has no spread */
                                    t: number | null;
                                    /** @description Welch degrees of freedom */
                                    df: number | null;
                                    /** @description 1 − α quantile of Student’s t at ⌊df⌋ that t must exceed (α: the verdict’s `alpha`; 2.5 % on older verdicts) */
                                    critical: number | null;
                                    significant: boolean;
                                } | null;
                                /** @description Is the success-rate drop above noise? Absent on older verdicts */
                                successRateTest?: {
                                    /** @description Difference over its standard error; null when a side has no spread */
                                    t: number | null;
                                    /** @description Welch degrees of freedom */
                                    df: number | null;
                                    /** @description 1 − α quantile of Student’s t at ⌊df⌋ that t must exceed (α: the verdict’s `alpha`; 2.5 % on older verdicts) */
                                    critical: number | null;
                                    significant: boolean;
                                } | null;
                                /** @description Which tested evaluation of the step this was (1 = at the end of its bake); null when it stopped before testing (too few robots or samples). Absent on older verdicts */
                                look?: number | null;
                                /** @description One-sided level of this look’s noise tests: 2.5 % · 6 / (π² · look²), so all of a step’s looks together fail by chance at most 2.5 % of the time */
                                alpha?: number | null;
                            };
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        revert: {
                            reverted: number;
                            confirmed: number;
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
                        /** @description As created, with every default filled in */
                        spec: {
                            /** Format: uuid */
                            policyVersionId: string;
                            target: {
                                /** @default [] */
                                groupIds: string[];
                                /** @default [] */
                                tags: string[];
                                /** @default [] */
                                robotIds: string[];
                                /** @description npm semver range the agent version must satisfy (pre-releases only when the range names one) */
                                agentVersions?: string;
                                /** @description CPU architectures as the agent reports them (Node.js process.arch: x64, arm64, arm, …) */
                                arch?: string[];
                                /** @description kind of the flash device holding the agent state, as reported */
                                flashKinds?: ("emmc" | "nvme" | "sd" | "ssd" | "other")[];
                            };
                            steps: {
                                percent: number;
                                bakeSeconds: number;
                            }[];
                            /**
                             * @default {
                             *       "maxWriteRateIncrease": 0.25,
                             *       "maxSuccessRateDrop": 0.05,
                             *       "minProjectedFlashLifeDays": 365,
                             *       "minRobotsPerCohort": 3,
                             *       "minSamplesPerCohort": 1000,
                             *       "requireSignificance": true
                             *     }
                             */
                            gates: {
                                /** @default 0.25 */
                                maxWriteRateIncrease: number;
                                /** @default 0.05 */
                                maxSuccessRateDrop: number;
                                /** @default 365 */
                                minProjectedFlashLifeDays: number;
                                /** @default 3 */
                                minRobotsPerCohort: number;
                                /** @default 1000 */
                                minSamplesPerCohort: number;
                                /** @default true */
                                requireSignificance: boolean;
                            };
                            /**
                             * @default rollback
                             * @enum {string}
                             */
                            onFailure: "rollback" | "pause";
                            rateLimitPerMinute?: number;
                            applyWindow?: {
                                start: string;
                                end: string;
                            };
                            /** @default 600 */
                            inconclusiveDeadlineSeconds: number;
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
                        steps: {
                            index: number;
                            percent: number;
                            bakeSeconds: number;
                            /** @description Robots of this step by per-robot state */
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
                                cohort: {
                                    /** @description Members (switched, or control) */
                                    robots: number;
                                    /** @description Members that sent telemetry in the window */
                                    reporting: number;
                                    steps: number;
                                    writes: number;
                                    episodesCompleted: number;
                                    episodesSucceeded: number;
                                    /** @description Steps counted towards the sample minimum (each robot capped); absent on older verdicts */
                                    samples?: number;
                                    /** @description Writes per step (a trimmed mean over robots) */
                                    writeRate: number | null;
                                    /** @description Episode success rate (a trimmed mean over robots) */
                                    successRate: number | null;
                                    /** @description Shortest projected flash life; null = unbounded */
                                    minProjectedLifeDays: number | null;
                                    /** @description Robots set aside at each end; absent on older verdicts */
                                    trimmed?: number;
                                    /** @description Standard error of writeRate across robots (Yuen); absent on older verdicts */
                                    writeRateStdError?: number | null;
                                    /** @description Robots the spread of writeRate rests on */
                                    writeRateKept?: number;
                                    /** @description Standard error of successRate across robots (Yuen); absent on older verdicts */
                                    successRateStdError?: number | null;
                                    /** @description Robots the spread of successRate rests on */
                                    successRateKept?: number;
                                };
                                reference: {
                                    /** @description Members (switched, or control) */
                                    robots: number;
                                    /** @description Members that sent telemetry in the window */
                                    reporting: number;
                                    steps: number;
                                    writes: number;
                                    episodesCompleted: number;
                                    episodesSucceeded: number;
                                    /** @description Steps counted towards the sample minimum (each robot capped); absent on older verdicts */
                                    samples?: number;
                                    /** @description Writes per step (a trimmed mean over robots) */
                                    writeRate: number | null;
                                    /** @description Episode success rate (a trimmed mean over robots) */
                                    successRate: number | null;
                                    /** @description Shortest projected flash life; null = unbounded */
                                    minProjectedLifeDays: number | null;
                                    /** @description Robots set aside at each end; absent on older verdicts */
                                    trimmed?: number;
                                    /** @description Standard error of writeRate across robots (Yuen); absent on older verdicts */
                                    writeRateStdError?: number | null;
                                    /** @description Robots the spread of writeRate rests on */
                                    writeRateKept?: number;
                                    /** @description Standard error of successRate across robots (Yuen); absent on older verdicts */
                                    successRateStdError?: number | null;
                                    /** @description Robots the spread of successRate rests on */
                                    successRateKept?: number;
                                };
                                unreachable: number;
                                /** @description Cohort write rate over the reference’s, minus 1 */
                                writeRateIncrease: number | null;
                                /** @description Reference success rate minus the cohort’s */
                                successRateDrop: number | null;
                                /** @description Is the write-rate difference above noise? Absent on older verdicts */
                                writeRateTest?: {
                                    /** @description Difference over its standard error; null when a side has no spread */
                                    t: number | null;
                                    /** @description Welch degrees of freedom */
                                    df: number | null;
                                    /** @description 1 − α quantile of Student’s t at ⌊df⌋ that t must exceed (α: the verdict’s `alpha`; 2.5 % on older verdicts) */
                                    critical: number | null;
                                    significant: boolean;
                                } | null;
                                /** @description Is the success-rate drop above noise? Absent on older verdicts */
                                successRateTest?: {
                                    /** @description Difference over its standard error; null when a side has no spread */
                                    t: number | null;
                                    /** @description Welch degrees of freedom */
                                    df: number | null;
                                    /** @description 1 − α quantile of Student’s t at ⌊df⌋ that t must exceed (α: the verdict’s `alpha`; 2.5 % on older verdicts) */
                                    critical: number | null;
                                    significant: boolean;
                                } | null;
                                /** @description Which tested evaluation of the step this was (1 = at the end of its bake); null when it stopped before testing (too few robots or samples). Absent on older verdicts */
                                look?: number | null;
                                /** @description One-sided level of this look’s noise tests: 2.5 % · 6 / (π² · look²), so all of a step’s looks together fail by chance at most 2.5 % of the time */
                                alpha?: number | null;
                            };
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        revert: {
                            reverted: number;
                            confirmed: number;
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
                        /** @description As created, with every default filled in */
                        spec: {
                            /** Format: uuid */
                            policyVersionId: string;
                            target: {
                                /** @default [] */
                                groupIds: string[];
                                /** @default [] */
                                tags: string[];
                                /** @default [] */
                                robotIds: string[];
                                /** @description npm semver range the agent version must satisfy (pre-releases only when the range names one) */
                                agentVersions?: string;
                                /** @description CPU architectures as the agent reports them (Node.js process.arch: x64, arm64, arm, …) */
                                arch?: string[];
                                /** @description kind of the flash device holding the agent state, as reported */
                                flashKinds?: ("emmc" | "nvme" | "sd" | "ssd" | "other")[];
                            };
                            steps: {
                                percent: number;
                                bakeSeconds: number;
                            }[];
                            /**
                             * @default {
                             *       "maxWriteRateIncrease": 0.25,
                             *       "maxSuccessRateDrop": 0.05,
                             *       "minProjectedFlashLifeDays": 365,
                             *       "minRobotsPerCohort": 3,
                             *       "minSamplesPerCohort": 1000,
                             *       "requireSignificance": true
                             *     }
                             */
                            gates: {
                                /** @default 0.25 */
                                maxWriteRateIncrease: number;
                                /** @default 0.05 */
                                maxSuccessRateDrop: number;
                                /** @default 365 */
                                minProjectedFlashLifeDays: number;
                                /** @default 3 */
                                minRobotsPerCohort: number;
                                /** @default 1000 */
                                minSamplesPerCohort: number;
                                /** @default true */
                                requireSignificance: boolean;
                            };
                            /**
                             * @default rollback
                             * @enum {string}
                             */
                            onFailure: "rollback" | "pause";
                            rateLimitPerMinute?: number;
                            applyWindow?: {
                                start: string;
                                end: string;
                            };
                            /** @default 600 */
                            inconclusiveDeadlineSeconds: number;
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
                        steps: {
                            index: number;
                            percent: number;
                            bakeSeconds: number;
                            /** @description Robots of this step by per-robot state */
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
                                cohort: {
                                    /** @description Members (switched, or control) */
                                    robots: number;
                                    /** @description Members that sent telemetry in the window */
                                    reporting: number;
                                    steps: number;
                                    writes: number;
                                    episodesCompleted: number;
                                    episodesSucceeded: number;
                                    /** @description Steps counted towards the sample minimum (each robot capped); absent on older verdicts */
                                    samples?: number;
                                    /** @description Writes per step (a trimmed mean over robots) */
                                    writeRate: number | null;
                                    /** @description Episode success rate (a trimmed mean over robots) */
                                    successRate: number | null;
                                    /** @description Shortest projected flash life; null = unbounded */
                                    minProjectedLifeDays: number | null;
                                    /** @description Robots set aside at each end; absent on older verdicts */
                                    trimmed?: number;
                                    /** @description Standard error of writeRate across robots (Yuen); absent on older verdicts */
                                    writeRateStdError?: number | null;
                                    /** @description Robots the spread of writeRate rests on */
                                    writeRateKept?: number;
                                    /** @description Standard error of successRate across robots (Yuen); absent on older verdicts */
                                    successRateStdError?: number | null;
                                    /** @description Robots the spread of successRate rests on */
                                    successRateKept?: number;
                                };
                                reference: {
                                    /** @description Members (switched, or control) */
                                    robots: number;
                                    /** @description Members that sent telemetry in the window */
                                    reporting: number;
                                    steps: number;
                                    writes: number;
                                    episodesCompleted: number;
                                    episodesSucceeded: number;
                                    /** @description Steps counted towards the sample minimum (each robot capped); absent on older verdicts */
                                    samples?: number;
                                    /** @description Writes per step (a trimmed mean over robots) */
                                    writeRate: number | null;
                                    /** @description Episode success rate (a trimmed mean over robots) */
                                    successRate: number | null;
                                    /** @description Shortest projected flash life; null = unbounded */
                                    minProjectedLifeDays: number | null;
                                    /** @description Robots set aside at each end; absent on older verdicts */
                                    trimmed?: number;
                                    /** @description Standard error of writeRate across robots (Yuen); absent on older verdicts */
                                    writeRateStdError?: number | null;
                                    /** @description Robots the spread of writeRate rests on */
                                    writeRateKept?: number;
                                    /** @description Standard error of successRate across robots (Yuen); absent on older verdicts */
                                    successRateStdError?: number | null;
                                    /** @description Robots the spread of successRate rests on */
                                    successRateKept?: number;
                                };
                                unreachable: number;
                                /** @description Cohort write rate over the reference’s, minus 1 */
                                writeRateIncrease: number | null;
                                /** @description Reference success rate minus the cohort’s */
                                successRateDrop: number | null;
                                /** @description Is the write-rate difference above noise? Absent on older verdicts */
                                writeRateTest?: {
                                    /** @description Difference over its standard error; null when a side has no spread */
                                    t: number | null;
                                    /** @description Welch degrees of freedom */
                                    df: number | null;
                                    /** @description 1 − α quantile of Student’s t at ⌊df⌋ that t must exceed (α: the verdict’s `alpha`; 2.5 % on older verdicts) */
                                    critical: number | null;
                                    significant: boolean;
                                } | null;
                                /** @description Is the success-rate drop above noise? Absent on older verdicts */
                                successRateTest?: {
                                    /** @description Difference over its standard error; null when a side has no spread */
                                    t: number | null;
                                    /** @description Welch degrees of freedom */
                                    df: number | null;
                                    /** @description 1 − α quantile of Student’s t at ⌊df⌋ that t must exceed (α: the verdict’s `alpha`; 2.5 % on older verdicts) */
                                    critical: number | null;
                                    significant: boolean;
                                } | null;
                                /** @description Which tested evaluation of the step this was (1 = at the end of its bake); null when it stopped before testing (too few robots or samples). Absent on older verdicts */
                                look?: number | null;
                                /** @description One-sided level of this look’s noise tests: 2.5 % · 6 / (π² · look²), so all of a step’s looks together fail by chance at most 2.5 % of the time */
                                alpha?: number | null;
                            };
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        revert: {
                            reverted: number;
                            confirmed: number;
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
                        /** @description As created, with every default filled in */
                        spec: {
                            /** Format: uuid */
                            policyVersionId: string;
                            target: {
                                /** @default [] */
                                groupIds: string[];
                                /** @default [] */
                                tags: string[];
                                /** @default [] */
                                robotIds: string[];
                                /** @description npm semver range the agent version must satisfy (pre-releases only when the range names one) */
                                agentVersions?: string;
                                /** @description CPU architectures as the agent reports them (Node.js process.arch: x64, arm64, arm, …) */
                                arch?: string[];
                                /** @description kind of the flash device holding the agent state, as reported */
                                flashKinds?: ("emmc" | "nvme" | "sd" | "ssd" | "other")[];
                            };
                            steps: {
                                percent: number;
                                bakeSeconds: number;
                            }[];
                            /**
                             * @default {
                             *       "maxWriteRateIncrease": 0.25,
                             *       "maxSuccessRateDrop": 0.05,
                             *       "minProjectedFlashLifeDays": 365,
                             *       "minRobotsPerCohort": 3,
                             *       "minSamplesPerCohort": 1000,
                             *       "requireSignificance": true
                             *     }
                             */
                            gates: {
                                /** @default 0.25 */
                                maxWriteRateIncrease: number;
                                /** @default 0.05 */
                                maxSuccessRateDrop: number;
                                /** @default 365 */
                                minProjectedFlashLifeDays: number;
                                /** @default 3 */
                                minRobotsPerCohort: number;
                                /** @default 1000 */
                                minSamplesPerCohort: number;
                                /** @default true */
                                requireSignificance: boolean;
                            };
                            /**
                             * @default rollback
                             * @enum {string}
                             */
                            onFailure: "rollback" | "pause";
                            rateLimitPerMinute?: number;
                            applyWindow?: {
                                start: string;
                                end: string;
                            };
                            /** @default 600 */
                            inconclusiveDeadlineSeconds: number;
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
                        steps: {
                            index: number;
                            percent: number;
                            bakeSeconds: number;
                            /** @description Robots of this step by per-robot state */
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
                                cohort: {
                                    /** @description Members (switched, or control) */
                                    robots: number;
                                    /** @description Members that sent telemetry in the window */
                                    reporting: number;
                                    steps: number;
                                    writes: number;
                                    episodesCompleted: number;
                                    episodesSucceeded: number;
                                    /** @description Steps counted towards the sample minimum (each robot capped); absent on older verdicts */
                                    samples?: number;
                                    /** @description Writes per step (a trimmed mean over robots) */
                                    writeRate: number | null;
                                    /** @description Episode success rate (a trimmed mean over robots) */
                                    successRate: number | null;
                                    /** @description Shortest projected flash life; null = unbounded */
                                    minProjectedLifeDays: number | null;
                                    /** @description Robots set aside at each end; absent on older verdicts */
                                    trimmed?: number;
                                    /** @description Standard error of writeRate across robots (Yuen); absent on older verdicts */
                                    writeRateStdError?: number | null;
                                    /** @description Robots the spread of writeRate rests on */
                                    writeRateKept?: number;
                                    /** @description Standard error of successRate across robots (Yuen); absent on older verdicts */
                                    successRateStdError?: number | null;
                                    /** @description Robots the spread of successRate rests on */
                                    successRateKept?: number;
                                };
                                reference: {
                                    /** @description Members (switched, or control) */
                                    robots: number;
                                    /** @description Members that sent telemetry in the window */
                                    reporting: number;
                                    steps: number;
                                    writes: number;
                                    episodesCompleted: number;
                                    episodesSucceeded: number;
                                    /** @description Steps counted towards the sample minimum (each robot capped); absent on older verdicts */
                                    samples?: number;
                                    /** @description Writes per step (a trimmed mean over robots) */
                                    writeRate: number | null;
                                    /** @description Episode success rate (a trimmed mean over robots) */
                                    successRate: number | null;
                                    /** @description Shortest projected flash life; null = unbounded */
                                    minProjectedLifeDays: number | null;
                                    /** @description Robots set aside at each end; absent on older verdicts */
                                    trimmed?: number;
                                    /** @description Standard error of writeRate across robots (Yuen); absent on older verdicts */
                                    writeRateStdError?: number | null;
                                    /** @description Robots the spread of writeRate rests on */
                                    writeRateKept?: number;
                                    /** @description Standard error of successRate across robots (Yuen); absent on older verdicts */
                                    successRateStdError?: number | null;
                                    /** @description Robots the spread of successRate rests on */
                                    successRateKept?: number;
                                };
                                unreachable: number;
                                /** @description Cohort write rate over the reference’s, minus 1 */
                                writeRateIncrease: number | null;
                                /** @description Reference success rate minus the cohort’s */
                                successRateDrop: number | null;
                                /** @description Is the write-rate difference above noise? Absent on older verdicts */
                                writeRateTest?: {
                                    /** @description Difference over its standard error; null when a side has no spread */
                                    t: number | null;
                                    /** @description Welch degrees of freedom */
                                    df: number | null;
                                    /** @description 1 − α quantile of Student’s t at ⌊df⌋ that t must exceed (α: the verdict’s `alpha`; 2.5 % on older verdicts) */
                                    critical: number | null;
                                    significant: boolean;
                                } | null;
                                /** @description Is the success-rate drop above noise? Absent on older verdicts */
                                successRateTest?: {
                                    /** @description Difference over its standard error; null when a side has no spread */
                                    t: number | null;
                                    /** @description Welch degrees of freedom */
                                    df: number | null;
                                    /** @description 1 − α quantile of Student’s t at ⌊df⌋ that t must exceed (α: the verdict’s `alpha`; 2.5 % on older verdicts) */
                                    critical: number | null;
                                    significant: boolean;
                                } | null;
                                /** @description Which tested evaluation of the step this was (1 = at the end of its bake); null when it stopped before testing (too few robots or samples). Absent on older verdicts */
                                look?: number | null;
                                /** @description One-sided level of this look’s noise tests: 2.5 % · 6 / (π² · look²), so all of a step’s looks together fail by chance at most 2.5 % of the time */
                                alpha?: number | null;
                            };
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        revert: {
                            reverted: number;
                            confirmed: number;
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
                        /**
                         * Format: uuid
                         * @description The policy version the robot ran in this window (its applied config’s policyVersionId); omitted before its first config
                         */
                        policyVersionId?: string;
                        /**
                         * @deprecated
                         * @description Deprecated, accepted until the next release: what agents before policyVersionId sent. A UUID here counts as policyVersionId; anything else as unknown
                         */
                        policyVersion?: string;
                        stateBytes: number;
                        kvEquivalentBytes: number;
                        flashBytesWritten: number;
                        wearFraction: number;
                        deviceWear?: {
                            source: string;
                            value: number;
                        };
                        /** @enum {string} */
                        persistMode?: "none" | "snapshot" | "delta-log";
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
                /** @description Default: an hour before `to` */
                from?: string;
                /** @description Default: now */
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
                            /** @description µs; the median of the bucket's windows' p50 step latency, except a fleet or group series with bucketSeconds a multiple of 300, read from the rollup: there the mean of those p50s (docs/api.md, Fleet series) */
                            latencyP50Us: number | null;
                            /** @description µs; the maximum of the bucket's windows' p99 step latency */
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
                /** @description Default: an hour before `to` */
                from?: string;
                /** @description Default: now */
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
                            /** @description µs; the median of the bucket's windows' p50 step latency, except a fleet or group series with bucketSeconds a multiple of 300, read from the rollup: there the mean of those p50s (docs/api.md, Fleet series) */
                            latencyP50Us: number | null;
                            /** @description µs; the maximum of the bucket's windows' p99 step latency */
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
    telemetryExport_page: {
        parameters: {
            query: {
                robotId?: string;
                groupId?: string;
                /** @description Windows starting at or after this instant */
                since: string;
                /** @description Windows starting before this instant (default: now) */
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
                            /** Format: uuid */
                            robotId: string;
                            seq: number;
                            /** Format: date-time */
                            windowStart: string;
                            /** Format: date-time */
                            windowEnd: string;
                            steps: number;
                            writes: number;
                            tau: number;
                            /**
                             * Format: uuid
                             * @description null: unknown (before the robot’s first config, or an old agent)
                             */
                            policyVersionId: string | null;
                            stateBytes: number;
                            kvEquivalentBytes: number;
                            flashBytesWritten: number;
                            wearFraction: number;
                            deviceWearSource: string | null;
                            deviceWearValue: number | null;
                            episodesCompleted: number;
                            episodesSucceeded: number;
                            latencyP50Us: number;
                            latencyP99Us: number;
                            /** Format: date-time */
                            receivedAt: string;
                        }[];
                        /** @description Pass as `cursor` for the next page; absent on the last */
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
    alertRules_list: {
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
                            /** @enum {string} */
                            kind: "flash_life_below" | "write_rate_increase" | "robot_silent" | "rollout_event" | "telemetry_dropped" | "autopilot_proposal_waiting" | "signing_key_retirement";
                            scope: {
                                /** @enum {string} */
                                type: "fleet";
                            } | {
                                /** @enum {string} */
                                type: "group";
                                /** Format: uuid */
                                groupId: string;
                            } | {
                                /** @enum {string} */
                                type: "tag";
                                tag: string;
                            };
                            params: {
                                [key: string]: number | string | boolean | string[];
                            };
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            channels: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @enum {string} */
                                kind: "webhook" | "slack" | "pagerduty";
                            }[];
                            repeatIntervalMinutes: number;
                            enabled: boolean;
                            /** @description open alerts of this rule now */
                            firing: number;
                            /** Format: date-time */
                            lastEvaluatedAt: string | null;
                            lastEvaluationError: string | null;
                            /** Format: date-time */
                            lastNotifiedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
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
    alertRules_create: {
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
                    /** @enum {string} */
                    kind: "flash_life_below" | "write_rate_increase" | "robot_silent" | "rollout_event" | "telemetry_dropped" | "autopilot_proposal_waiting" | "signing_key_retirement";
                    /**
                     * @default {
                     *       "type": "fleet"
                     *     }
                     */
                    scope?: {
                        /** @enum {string} */
                        type: "fleet";
                    } | {
                        /** @enum {string} */
                        type: "group";
                        /** Format: uuid */
                        groupId: string;
                    } | {
                        /** @enum {string} */
                        type: "tag";
                        tag: string;
                    };
                    /** @default {} */
                    params?: {
                        [key: string]: unknown;
                    };
                    /**
                     * @default warning
                     * @enum {string}
                     */
                    severity?: "info" | "warning" | "critical";
                    /** @default [] */
                    channelIds?: string[];
                    /** @default 240 */
                    repeatIntervalMinutes?: number;
                    /** @default true */
                    enabled?: boolean;
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
                        /** @enum {string} */
                        kind: "flash_life_below" | "write_rate_increase" | "robot_silent" | "rollout_event" | "telemetry_dropped" | "autopilot_proposal_waiting" | "signing_key_retirement";
                        scope: {
                            /** @enum {string} */
                            type: "fleet";
                        } | {
                            /** @enum {string} */
                            type: "group";
                            /** Format: uuid */
                            groupId: string;
                        } | {
                            /** @enum {string} */
                            type: "tag";
                            tag: string;
                        };
                        params: {
                            [key: string]: number | string | boolean | string[];
                        };
                        /** @enum {string} */
                        severity: "info" | "warning" | "critical";
                        channels: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            kind: "webhook" | "slack" | "pagerduty";
                        }[];
                        repeatIntervalMinutes: number;
                        enabled: boolean;
                        /** @description open alerts of this rule now */
                        firing: number;
                        /** Format: date-time */
                        lastEvaluatedAt: string | null;
                        lastEvaluationError: string | null;
                        /** Format: date-time */
                        lastNotifiedAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
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
    alertRules_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Rule id */
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
                        /** @enum {string} */
                        kind: "flash_life_below" | "write_rate_increase" | "robot_silent" | "rollout_event" | "telemetry_dropped" | "autopilot_proposal_waiting" | "signing_key_retirement";
                        scope: {
                            /** @enum {string} */
                            type: "fleet";
                        } | {
                            /** @enum {string} */
                            type: "group";
                            /** Format: uuid */
                            groupId: string;
                        } | {
                            /** @enum {string} */
                            type: "tag";
                            tag: string;
                        };
                        params: {
                            [key: string]: number | string | boolean | string[];
                        };
                        /** @enum {string} */
                        severity: "info" | "warning" | "critical";
                        channels: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            kind: "webhook" | "slack" | "pagerduty";
                        }[];
                        repeatIntervalMinutes: number;
                        enabled: boolean;
                        /** @description open alerts of this rule now */
                        firing: number;
                        /** Format: date-time */
                        lastEvaluatedAt: string | null;
                        lastEvaluationError: string | null;
                        /** Format: date-time */
                        lastNotifiedAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
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
    alertRules_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Rule id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    description?: string;
                    /** @enum {string} */
                    kind: "flash_life_below" | "write_rate_increase" | "robot_silent" | "rollout_event" | "telemetry_dropped" | "autopilot_proposal_waiting" | "signing_key_retirement";
                    /**
                     * @default {
                     *       "type": "fleet"
                     *     }
                     */
                    scope?: {
                        /** @enum {string} */
                        type: "fleet";
                    } | {
                        /** @enum {string} */
                        type: "group";
                        /** Format: uuid */
                        groupId: string;
                    } | {
                        /** @enum {string} */
                        type: "tag";
                        tag: string;
                    };
                    /** @default {} */
                    params?: {
                        [key: string]: unknown;
                    };
                    /**
                     * @default warning
                     * @enum {string}
                     */
                    severity?: "info" | "warning" | "critical";
                    /** @default [] */
                    channelIds?: string[];
                    /** @default 240 */
                    repeatIntervalMinutes?: number;
                    /** @default true */
                    enabled?: boolean;
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
                        description: string | null;
                        /** @enum {string} */
                        kind: "flash_life_below" | "write_rate_increase" | "robot_silent" | "rollout_event" | "telemetry_dropped" | "autopilot_proposal_waiting" | "signing_key_retirement";
                        scope: {
                            /** @enum {string} */
                            type: "fleet";
                        } | {
                            /** @enum {string} */
                            type: "group";
                            /** Format: uuid */
                            groupId: string;
                        } | {
                            /** @enum {string} */
                            type: "tag";
                            tag: string;
                        };
                        params: {
                            [key: string]: number | string | boolean | string[];
                        };
                        /** @enum {string} */
                        severity: "info" | "warning" | "critical";
                        channels: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            kind: "webhook" | "slack" | "pagerduty";
                        }[];
                        repeatIntervalMinutes: number;
                        enabled: boolean;
                        /** @description open alerts of this rule now */
                        firing: number;
                        /** Format: date-time */
                        lastEvaluatedAt: string | null;
                        lastEvaluationError: string | null;
                        /** Format: date-time */
                        lastNotifiedAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
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
    alertRules_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Rule id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
    alertRules_test: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Rule id */
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
                        /** @description subjects past the threshold now (listed in the test) */
                        breaching: number;
                        notification: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            ruleId: string | null;
                            ruleName: string;
                            /** @enum {string} */
                            type: "firing" | "resolved" | "repeat" | "test";
                            summary: string;
                            alertsTotal: number;
                            /** Format: date-time */
                            createdAt: string;
                            deliveries: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                channelId: string | null;
                                channelName: string;
                                /** @enum {string} */
                                status: "pending" | "delivered" | "failed";
                                attempts: number;
                                lastStatusCode: number | null;
                                lastError: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                deliveredAt: string | null;
                                log: {
                                    attempt: number;
                                    /** Format: date-time */
                                    at: string;
                                    statusCode: number | null;
                                    error: string | null;
                                    durationMs: number;
                                }[];
                            }[];
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
        };
    };
    alertChannels_list: {
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
                            /** @enum {string} */
                            kind: "webhook" | "slack" | "pagerduty";
                            /** @description Slack and PagerDuty URLs are shown up to their path only */
                            url: string;
                            hasRoutingKey: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
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
    alertChannels_create: {
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
                    /** @enum {string} */
                    kind: "webhook" | "slack" | "pagerduty";
                    url: string;
                    /** @description PagerDuty Events v2 integration (routing) key; required for pagerduty channels */
                    routingKey?: string;
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
                        /** @enum {string} */
                        kind: "webhook" | "slack" | "pagerduty";
                        /** @description Slack and PagerDuty URLs are shown up to their path only */
                        url: string;
                        hasRoutingKey: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description HMAC-SHA256 key of X-Aura-Signature; shown once, store it now */
                        secret: string;
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
    alertChannels_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Channel id */
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
                        /** @enum {string} */
                        kind: "webhook" | "slack" | "pagerduty";
                        /** @description Slack and PagerDuty URLs are shown up to their path only */
                        url: string;
                        hasRoutingKey: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
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
    alertChannels_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Channel id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    kind: "webhook" | "slack" | "pagerduty";
                    url: string;
                    /** @description PagerDuty Events v2 integration (routing) key; required for pagerduty channels */
                    routingKey?: string;
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
                        /** @enum {string} */
                        kind: "webhook" | "slack" | "pagerduty";
                        /** @description Slack and PagerDuty URLs are shown up to their path only */
                        url: string;
                        hasRoutingKey: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
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
    alertChannels_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Channel id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
        };
    };
    alerts_list: {
        parameters: {
            query?: {
                state?: "firing" | "resolved";
                ruleId?: string;
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
                        items: {
                            /** Format: uuid */
                            id: string;
                            /**
                             * Format: uuid
                             * @description null once the rule was deleted
                             */
                            ruleId: string | null;
                            ruleName: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            subject: {
                                /** @enum {string} */
                                type: "robot" | "rollout" | "group" | "tag" | "fleet" | "signing_key";
                                id: string;
                                name: string;
                            };
                            /** @enum {string} */
                            state: "firing" | "resolved";
                            value: number | null;
                            summary: string;
                            /** Format: date-time */
                            startedAt: string;
                            /** Format: date-time */
                            resolvedAt: string | null;
                            /** Format: date-time */
                            notifiedAt: string | null;
                            /** @description an active silence mutes its notifications */
                            silenced: boolean;
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
    alerts_history: {
        parameters: {
            query?: {
                ruleId?: string;
                subjectId?: string;
                before?: string;
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
                            /** @description cursor: pass as `before` for older events */
                            id: string;
                            /** Format: uuid */
                            alertId: string;
                            /** Format: uuid */
                            ruleId: string | null;
                            ruleName: string;
                            subject: {
                                /** @enum {string} */
                                type: "robot" | "rollout" | "group" | "tag" | "fleet" | "signing_key";
                                id: string;
                                name: string;
                            };
                            /** Format: date-time */
                            at: string;
                            /** @enum {string} */
                            state: "firing" | "resolved";
                            value: number | null;
                            message: string;
                        }[];
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
    alerts_notifications: {
        parameters: {
            query?: {
                ruleId?: string;
                /** @description cursor: nextCursor of the previous page */
                before?: string;
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
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            ruleId: string | null;
                            ruleName: string;
                            /** @enum {string} */
                            type: "firing" | "resolved" | "repeat" | "test";
                            summary: string;
                            alertsTotal: number;
                            /** Format: date-time */
                            createdAt: string;
                            deliveries: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                channelId: string | null;
                                channelName: string;
                                /** @enum {string} */
                                status: "pending" | "delivered" | "failed";
                                attempts: number;
                                lastStatusCode: number | null;
                                lastError: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                deliveredAt: string | null;
                                log: {
                                    attempt: number;
                                    /** Format: date-time */
                                    at: string;
                                    statusCode: number | null;
                                    error: string | null;
                                    durationMs: number;
                                }[];
                            }[];
                        }[];
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
    alerts_notification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Notification id */
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
                        /** Format: uuid */
                        ruleId: string | null;
                        ruleName: string;
                        /** @enum {string} */
                        type: "firing" | "resolved" | "repeat" | "test";
                        summary: string;
                        alertsTotal: number;
                        /** Format: date-time */
                        createdAt: string;
                        deliveries: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            channelId: string | null;
                            channelName: string;
                            /** @enum {string} */
                            status: "pending" | "delivered" | "failed";
                            attempts: number;
                            lastStatusCode: number | null;
                            lastError: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            deliveredAt: string | null;
                            log: {
                                attempt: number;
                                /** Format: date-time */
                                at: string;
                                statusCode: number | null;
                                error: string | null;
                                durationMs: number;
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
    alerts_silences: {
        parameters: {
            query?: {
                /** @description `all` adds ended and expired silences */
                include?: "active" | "all";
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
                            /** Format: uuid */
                            ruleId: string | null;
                            ruleName: string | null;
                            subjectId: string | null;
                            reason: string;
                            /** Format: date-time */
                            startsAt: string;
                            /** Format: date-time */
                            endsAt: string;
                            /** Format: date-time */
                            expiredAt: string | null;
                            active: boolean;
                            createdByName: string | null;
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
        };
    };
    alerts_createSilence: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: uuid
                     * @description only this rule (all rules if absent)
                     */
                    ruleId?: string;
                    /** @description only this subject: a robot id, rollout id or group id (all subjects if absent) */
                    subjectId?: string;
                    durationMinutes: number;
                    reason: string;
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
                        ruleId: string | null;
                        ruleName: string | null;
                        subjectId: string | null;
                        reason: string;
                        /** Format: date-time */
                        startsAt: string;
                        /** Format: date-time */
                        endsAt: string;
                        /** Format: date-time */
                        expiredAt: string | null;
                        active: boolean;
                        createdByName: string | null;
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
    alerts_expire: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Silence id */
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
                        /** Format: uuid */
                        ruleId: string | null;
                        ruleName: string | null;
                        subjectId: string | null;
                        reason: string;
                        /** Format: date-time */
                        startsAt: string;
                        /** Format: date-time */
                        endsAt: string;
                        /** Format: date-time */
                        expiredAt: string | null;
                        active: boolean;
                        createdByName: string | null;
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
    autopilot_status: {
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
                        settings: {
                            /** @default false */
                            enabled: boolean;
                            /** @default false */
                            autoStart: boolean;
                            /** @default 1826 */
                            lifeTargetDays: number;
                            /** @default [] */
                            groupTargets: {
                                /** Format: uuid */
                                groupId: string;
                                lifeTargetDays: number;
                            }[];
                            /**
                             * @default {
                             *       "tauMin": 0.05,
                             *       "tauMax": 0.95,
                             *       "maxTauChange": 0.1,
                             *       "maxSuccessDrop": 0.05,
                             *       "persistModes": [
                             *         "snapshot",
                             *         "delta-log"
                             *       ]
                             *     }
                             */
                            guardRails: {
                                /** @default 0.05 */
                                tauMin: number;
                                /** @default 0.95 */
                                tauMax: number;
                                /** @default 0.1 */
                                maxTauChange: number;
                                /** @default 0.05 */
                                maxSuccessDrop: number;
                                /**
                                 * @default [
                                 *       "snapshot",
                                 *       "delta-log"
                                 *     ]
                                 */
                                persistModes: ("none" | "snapshot" | "delta-log")[];
                            };
                            /** @default 60 */
                            intervalMinutes: number;
                            /** @default 60 */
                            minTelemetryMinutes: number;
                            /** @default 3600 */
                            bakeSeconds: number;
                            /** @default 4 */
                            maxPolicyVersions: number;
                        };
                        /** Format: date-time */
                        updatedAt: string | null;
                        updatedByName: string | null;
                        active: boolean;
                        inactiveReason: string | null;
                        model: {
                            /**
                             * @description ok, or why the model’s τ curve cannot be used (the autopilot is then disabled)
                             * @enum {string}
                             */
                            curve: "ok" | "missing" | "invalid" | "mismatch";
                            message: string | null;
                            modelPath: string;
                            curvePath: string;
                            name: string | null;
                            version: string | null;
                            sha256: string | null;
                            defaultTau: number | null;
                            points: {
                                tau: number;
                                writesPerStep: number;
                                successRate: number;
                            }[];
                        };
                        lastRun: {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            trigger: "schedule" | "manual";
                            /** Format: date-time */
                            startedAt: string;
                            /** Format: date-time */
                            finishedAt: string | null;
                            /** @enum {string} */
                            outcome: "running" | "completed" | "disabled" | "failed";
                            message: string | null;
                            modelName: string | null;
                            curveSha256: string | null;
                            counts: {
                                [key: string]: number;
                            };
                        } | null;
                        /** Format: date-time */
                        nextRunAt: string | null;
                        recommendations: {
                            change: number;
                            hold: number;
                            unreachable: number;
                            insufficientData: number;
                            belowTarget: number;
                        };
                        proposals: {
                            pending: number;
                            /** Format: date-time */
                            oldestPendingAt: string | null;
                        };
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
    autopilot_updateSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default false */
                    enabled?: boolean;
                    /** @default false */
                    autoStart?: boolean;
                    /** @default 1826 */
                    lifeTargetDays?: number;
                    /** @default [] */
                    groupTargets?: {
                        /** Format: uuid */
                        groupId: string;
                        lifeTargetDays: number;
                    }[];
                    /**
                     * @default {
                     *       "tauMin": 0.05,
                     *       "tauMax": 0.95,
                     *       "maxTauChange": 0.1,
                     *       "maxSuccessDrop": 0.05,
                     *       "persistModes": [
                     *         "snapshot",
                     *         "delta-log"
                     *       ]
                     *     }
                     */
                    guardRails?: {
                        /** @default 0.05 */
                        tauMin?: number;
                        /** @default 0.95 */
                        tauMax?: number;
                        /** @default 0.1 */
                        maxTauChange?: number;
                        /** @default 0.05 */
                        maxSuccessDrop?: number;
                        /**
                         * @default [
                         *       "snapshot",
                         *       "delta-log"
                         *     ]
                         */
                        persistModes?: ("none" | "snapshot" | "delta-log")[];
                    };
                    /** @default 60 */
                    intervalMinutes?: number;
                    /** @default 60 */
                    minTelemetryMinutes?: number;
                    /** @default 3600 */
                    bakeSeconds?: number;
                    /** @default 4 */
                    maxPolicyVersions?: number;
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
                        settings: {
                            /** @default false */
                            enabled: boolean;
                            /** @default false */
                            autoStart: boolean;
                            /** @default 1826 */
                            lifeTargetDays: number;
                            /** @default [] */
                            groupTargets: {
                                /** Format: uuid */
                                groupId: string;
                                lifeTargetDays: number;
                            }[];
                            /**
                             * @default {
                             *       "tauMin": 0.05,
                             *       "tauMax": 0.95,
                             *       "maxTauChange": 0.1,
                             *       "maxSuccessDrop": 0.05,
                             *       "persistModes": [
                             *         "snapshot",
                             *         "delta-log"
                             *       ]
                             *     }
                             */
                            guardRails: {
                                /** @default 0.05 */
                                tauMin: number;
                                /** @default 0.95 */
                                tauMax: number;
                                /** @default 0.1 */
                                maxTauChange: number;
                                /** @default 0.05 */
                                maxSuccessDrop: number;
                                /**
                                 * @default [
                                 *       "snapshot",
                                 *       "delta-log"
                                 *     ]
                                 */
                                persistModes: ("none" | "snapshot" | "delta-log")[];
                            };
                            /** @default 60 */
                            intervalMinutes: number;
                            /** @default 60 */
                            minTelemetryMinutes: number;
                            /** @default 3600 */
                            bakeSeconds: number;
                            /** @default 4 */
                            maxPolicyVersions: number;
                        };
                        /** Format: date-time */
                        updatedAt: string | null;
                        updatedByName: string | null;
                        active: boolean;
                        inactiveReason: string | null;
                        model: {
                            /**
                             * @description ok, or why the model’s τ curve cannot be used (the autopilot is then disabled)
                             * @enum {string}
                             */
                            curve: "ok" | "missing" | "invalid" | "mismatch";
                            message: string | null;
                            modelPath: string;
                            curvePath: string;
                            name: string | null;
                            version: string | null;
                            sha256: string | null;
                            defaultTau: number | null;
                            points: {
                                tau: number;
                                writesPerStep: number;
                                successRate: number;
                            }[];
                        };
                        lastRun: {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            trigger: "schedule" | "manual";
                            /** Format: date-time */
                            startedAt: string;
                            /** Format: date-time */
                            finishedAt: string | null;
                            /** @enum {string} */
                            outcome: "running" | "completed" | "disabled" | "failed";
                            message: string | null;
                            modelName: string | null;
                            curveSha256: string | null;
                            counts: {
                                [key: string]: number;
                            };
                        } | null;
                        /** Format: date-time */
                        nextRunAt: string | null;
                        recommendations: {
                            change: number;
                            hold: number;
                            unreachable: number;
                            insufficientData: number;
                            belowTarget: number;
                        };
                        proposals: {
                            pending: number;
                            /** Format: date-time */
                            oldestPendingAt: string | null;
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
    autopilot_run: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        queued: boolean;
                        message: string;
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
    autopilot_recommendations: {
        parameters: {
            query?: {
                status?: "change" | "hold" | "unreachable" | "insufficient-data";
                /** @description only robots whose projected life is short of (true) or meets (false) their target */
                belowTarget?: "true" | "false";
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
                        items: {
                            /** Format: uuid */
                            robotId: string;
                            robotName: string;
                            /** @enum {string} */
                            status: "change" | "hold" | "unreachable" | "insufficient-data";
                            reason: string;
                            belowTarget: boolean | null;
                            current: {
                                tau: number;
                                /** @enum {string} */
                                persistMode: "none" | "snapshot" | "delta-log";
                                /** @description days; null = unbounded (no wear) */
                                lifeDays: number | null;
                                successRate: number | null;
                                /** @enum {string|null} */
                                persistModeSource: "reported" | "policy" | "inferred" | null;
                            } | null;
                            requiredLifeDays: number | null;
                            targetDays: number | null;
                            goal: {
                                tau: number;
                                /** @enum {string} */
                                persistMode: "none" | "snapshot" | "delta-log";
                                /** @description days; null = unbounded (no wear) */
                                lifeDays: number | null;
                                successRate: number;
                            } | null;
                            step: {
                                tau: number;
                                /** @enum {string} */
                                persistMode: "none" | "snapshot" | "delta-log";
                                /** @description days; null = unbounded (no wear) */
                                lifeDays: number | null;
                                successRate: number;
                                successChange: number;
                                writesRatio: number | null;
                            } | null;
                            rolloutsToGoal: number;
                            /** @description days; null = unbounded (no wear) */
                            bestAchievableLifeDays: number | null;
                            measured: {
                                /** @enum {string} */
                                wearSource: "device" | "device-calibrated" | "estimate";
                                deviceSource: string | null;
                                wearPerDay: number;
                                remaining: number;
                                stepsPerSecond: number;
                                writesPerStep: number;
                                hostBytesPerDay: number;
                                spanDays: number;
                                notes: string[];
                            } | null;
                            /** Format: date-time */
                            computedAt: string;
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
    autopilot_proposalList: {
        parameters: {
            query?: {
                status?: "pending" | "started" | "succeeded" | "failed" | "dismissed" | "superseded";
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
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            status: "pending" | "started" | "succeeded" | "failed" | "dismissed" | "superseded";
                            /** Format: uuid */
                            rolloutId: string | null;
                            rolloutStatus: string | null;
                            /** Format: uuid */
                            policyVersionId: string;
                            tau: number;
                            /** @enum {string} */
                            persistMode: "none" | "snapshot" | "delta-log";
                            robots: number;
                            belowTarget: number;
                            predicted: {
                                meanSuccessChange: number;
                                /** @description days; null = unbounded (no wear) */
                                minLifeBefore: number | null;
                                /** @description days; null = unbounded (no wear) */
                                minLifeAfter: number | null;
                                maxWritesRatio: number | null;
                                reachingTarget: number;
                                robots: {
                                    /** Format: uuid */
                                    robotId: string;
                                    name: string | null;
                                    fromTau: number;
                                    /** @enum {string} */
                                    fromPersistMode: "none" | "snapshot" | "delta-log";
                                    belowTarget: boolean;
                                    /** @description days; null = unbounded (no wear) */
                                    lifeBefore: number | null;
                                    /** @description days; null = unbounded (no wear) */
                                    lifeAfter: number | null;
                                    successChange: number;
                                    wearPerDay: number;
                                }[];
                            };
                            reason: string;
                            outcomeReason: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            decidedAt: string | null;
                            decidedByName: string | null;
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
    autopilot_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Proposal id */
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
                        /** @enum {string} */
                        status: "pending" | "started" | "succeeded" | "failed" | "dismissed" | "superseded";
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
    autopilot_dismiss: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Proposal id */
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
                        /** @enum {string} */
                        status: "pending" | "started" | "succeeded" | "failed" | "dismissed" | "superseded";
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
    autopilot_runs: {
        parameters: {
            query?: {
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
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            trigger: "schedule" | "manual";
                            /** Format: date-time */
                            startedAt: string;
                            /** Format: date-time */
                            finishedAt: string | null;
                            /** @enum {string} */
                            outcome: "running" | "completed" | "disabled" | "failed";
                            message: string | null;
                            modelName: string | null;
                            curveSha256: string | null;
                            counts: {
                                [key: string]: number;
                            };
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
}
