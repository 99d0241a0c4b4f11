import { operatorRoute } from '../auth/operator-route.js';

/** A route of the alerts controllers: operators of `role` and up, in the OpenAPI spec's `alerts` tag. */
export const AlertsRoute = operatorRoute('alerts');
