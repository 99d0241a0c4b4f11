/**
 * onnxruntime 1.30 ships usage telemetry on Linux: at its first session it writes a device id and an
 * event queue under `$XDG_CACHE_HOME` or `~/.cache/Microsoft/DeveloperTools/.onnxruntime/` and tries
 * to upload the events over HTTPS. On a robot that is flash wear the agent does not count and traffic
 * its operators did not ask for, so the agent switches it off (`ORT_DISABLE_TELEMETRY=1`) before it
 * creates a session, unless the variable was set on purpose.
 */
export function disableOnnxRuntimeTelemetry(env: NodeJS.ProcessEnv = process.env): void {
  if (env.ORT_DISABLE_TELEMETRY === undefined) env.ORT_DISABLE_TELEMETRY = '1';
}
