/**
 * What an IAM operation can refuse, independent of the API that calls it: a named object
 * that does not exist ({@link org.tessera.iam.NotFoundException}), a clash with the
 * current state ({@link org.tessera.iam.ConflictException}), a field the caller must fix
 * ({@link org.tessera.iam.InvalidRequestException}) and a stale version
 * ({@link org.tessera.iam.PreconditionFailedException}).
 *
 * <p>
 * The services throw these; how each one is answered (status, body format) is decided by
 * the layer that receives the request, for the management API
 * {@code problem.ManagementApiProblemHandler}, which reads the status each refusal
 * carries as a {@code problem.RefusalException}.
 */
package org.tessera.iam;
