/**
 * Where Tessera's error answers are written, layer by layer in the order a request meets
 * them. Every writer outside Spring MVC goes through
 * {@link org.tessera.problem.ErrorBodies}, which chooses the format by path: RFC 6749
 * section 5.2 JSON under {@code /oauth2/}, RFC 9457 {@code application/problem+json}
 * everywhere else (vServer, which has no OAuth2 endpoints, always answers problem+json).
 * The package uses no Tessera code but the policy language, which the enforcement jar
 * carries too, so the jar takes the package as it is. A refusal that knows its status
 * extends {@link org.tessera.problem.RefusalException}; what a failure means for a retry
 * is asked of {@link org.tessera.problem.TemporaryFailures}, which the database side
 * implements.
 *
 * <ol>
 * <li><b>Container.</b> Requests Tomcat refuses itself (an undecodable path, an oversized
 * request line) are answered by {@link org.tessera.problem.ProblemErrorReportValve},
 * installed by {@link org.tessera.problem.ProblemErrorReports}. Error dispatches
 * ({@code sendError}, an exception that escaped a filter) reach {@code /error}, answered
 * by {@link org.tessera.problem.ErrorResponseController}. Both by path, through
 * {@code ErrorBodies}.</li>
 * <li><b>Firewall.</b> Requests Spring Security's firewall rejects get 400 from
 * {@link org.tessera.problem.ProblemRequestRejectedHandler}, by path.</li>
 * <li><b>Filters.</b> An oversized body gets 413 from
 * {@link org.tessera.problem.RequestBodyLimitFilter}, an Accept header that rules JSON
 * out 406 from {@link org.tessera.problem.JsonAcceptFilter}, both by path. Outside this
 * package: the management API's 415 ({@code web.JsonOnlyFilter}, problem+json), the token
 * endpoints' request checks ({@code web.TokenEndpointRequestFilter}, RFC 6749 JSON), the
 * switched-off OpenID Connect endpoints' 404 ({@code oauth.AbsentEndpointFilter}), and
 * the 503 answers with {@code Retry-After}, all written by
 * {@link org.tessera.problem.ErrorBodies#writeUnavailable}, by path
 * ({@code health.ServiceUnavailableFilter}, {@code oauth.login.SessionCapacityFilter},
 * {@code enforcement.IssuerUnavailableFailureHandler}).</li>
 * <li><b>Security.</b> The entry points and access-denied handlers, which set the status
 * and the {@code WWW-Authenticate} challenge and add a body: for the management API
 * {@link org.tessera.problem.ProblemResponses#bearerEntryPoint} and
 * {@link org.tessera.problem.ProblemResponses#bearerAccessDenied} (problem+json); for the
 * authorization server's own chain
 * {@link org.tessera.problem.ProblemResponses#bearerEntryPointByPath} (by path); for the
 * token, introspection and revocation endpoints without client authentication
 * {@code oauth.InvalidClientEntryPoint} (RFC 6749 {@code invalid_client}, through
 * {@link org.tessera.problem.OAuth2ErrorResponseHandler}); for a resource server using
 * the enforcement jar {@code enforcement.BearerTokenEntryPoint} (by path, so
 * problem+json).</li>
 * <li><b>MVC.</b> Exceptions thrown by handlers: for the management API
 * {@link org.tessera.problem.ManagementApiProblemHandler} (problem+json; it answers every
 * {@code RefusalException} with its own status and members, invalid policies 400, and a
 * database outage 503); for resource servers
 * {@code enforcement.PolicyDeniedProblemHandler} (403 problem+json, ordered first) and,
 * on vServer, {@code vserver.VServerProblemHandler} (problem+json). The OAuth2 endpoints'
 * counterpart is {@link org.tessera.problem.OAuth2ErrorResponseHandler} (RFC 6749 JSON):
 * Spring Authorization Server runs those endpoints as filters, and this handler writes
 * the refusals of client authentication and of the token, introspection and revocation
 * endpoints; the authorization endpoint's go through
 * {@code oauth.AuthorizationResponseHandler} (a redirect to the client, or a 400 by way
 * of {@code /error}).</li>
 * </ol>
 */
package org.tessera.problem;
