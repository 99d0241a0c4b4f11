import type { FastifyRequest } from 'fastify';

/** Fastify's content-type parser callback (not exported by name from 'fastify'). */
type Done = (error: Error | null, body?: unknown) => void;

/**
 * JSON can carry a NUL character only as the escape `\u0000` (a raw U+0000 is not valid JSON text), so
 * a body whose bytes do not contain those six characters holds no NUL in any string or key. The parser
 * below notes such bodies; the NUL check (bootstrap.ts) skips walking them and walks only a body where
 * the escape appears (which may still hold no NUL: `"\\u0000"` is a backslash and `u0000`). One
 * `indexOf` over the bytes replaces a walk over every string and key of every request.
 */
const NUL_ESCAPE = Buffer.from('\\u0000', 'latin1');
const withoutNul = new WeakSet<FastifyRequest>();

/** A JSON parser of a body's text, in Fastify's callback form (`getDefaultJsonParser`'s). */
export type JsonTextParser = (request: FastifyRequest, body: string, done: Done) => void;

/** False only for a request whose body `jsonBodyParser` parsed and found free of `\u0000`. */
export function bodyMayHoldNul(request: FastifyRequest): boolean {
  return !withoutNul.has(request);
}

/** `parse` over the body's bytes as text, noting first whether they hold the escape `\u0000`. */
export function jsonBodyParser(parse: JsonTextParser) {
  return (request: FastifyRequest, body: Buffer, done: Done): void => {
    if (body.indexOf(NUL_ESCAPE) === -1) withoutNul.add(request);
    parse(request, body.toString('utf8'), done);
  };
}
