// Names for the API's shapes, read from the generated OpenAPI types (./schema.d.ts).
import type { paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** The JSON body of the 200 (or else 201/202) response of an operation. */
export type ResponseOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { responses: infer R }
    ? R extends { 200: infer S }
      ? JsonOf<S>
      : R extends { 201: infer S }
        ? JsonOf<S>
        : R extends { 202: infer S }
          ? JsonOf<S>
          : never
    : never;

/** The JSON request body of an operation. */
export type BodyOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters of an operation. */
export type QueryOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type Me = ResponseOf<'/api/auth/me', 'get'>;
export type Grant = Me['grants'][number];

export type OrgNode = ResponseOf<'/api/orgs/tree', 'get'>['nodes'][number];
export type OrgDetail = ResponseOf<'/api/orgs/{id}', 'get'>;
export type StructureWarning = OrgDetail['warnings'][number];
export type OrgWarningsResponse = ResponseOf<'/api/orgs/warnings', 'get'>;
export type CreateOrgBody = BodyOf<'/api/orgs', 'post'>;
export type UpdateOrgBody = BodyOf<'/api/orgs/{id}', 'patch'>;
export type LeadershipBody = BodyOf<'/api/orgs/{id}/leadership', 'post'>;

export type Enterprise = ResponseOf<'/api/enterprises', 'get'>['items'][number];

export type MemberListQuery = QueryOf<'/api/members', 'get'>;
export type MemberList = ResponseOf<'/api/members', 'get'>;
export type MemberListItem = MemberList['items'][number];
export type MemberDetail = ResponseOf<'/api/members/{id}', 'get'>;
export type CreateMemberBody = BodyOf<'/api/members', 'post'>;
export type UpdateMemberBody = BodyOf<'/api/members/{id}', 'patch'>;
export type AccessLog = ResponseOf<'/api/members/{id}/access-log', 'get'>;


export type UserList = ResponseOf<'/api/users', 'get'>;
export type UserItem = UserList['items'][number];
export type CreateUserBody = BodyOf<'/api/users', 'post'>;
export type RoleMatrix = ResponseOf<'/api/roles', 'get'>;

export type AuditQuery = QueryOf<'/api/audit', 'get'>;
export type AuditList = ResponseOf<'/api/audit', 'get'>;
export type AuditEntry = AuditList['items'][number];

export type MyProfile = ResponseOf<'/api/me/profile', 'get'>;
export type MyOrg = ResponseOf<'/api/me/org', 'get'>;
export type MyAccessLog = ResponseOf<'/api/me/access-log', 'get'>;
