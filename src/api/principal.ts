/**
 * Who made a request: the contract between authentication (which sets `request.principal`) and what needs to
 * know who acts (ownership, rate limits, the audit trail). Filled in by issue #25; until then a request
 * authenticated by `API_KEY` is the admin {@link LEGACY_ADMIN}, and without a key configured nobody is set.
 */
export type Role = 'teacher' | 'operator' | 'admin';

export interface Principal {
  /** Stable id of the user (a UUID; `admin` for the legacy `API_KEY`). */
  readonly id: string;
  /** The name given at `profai users add NAME`. */
  readonly name: string;
  readonly role: Role;
}

/** The single key of `API_KEY`, kept working for existing deployments as one admin. */
export const LEGACY_ADMIN: Principal = { id: 'admin', name: 'admin', role: 'admin' };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook; undefined when no credential is configured at all (loopback only). */
    principal?: Principal;
  }
}
