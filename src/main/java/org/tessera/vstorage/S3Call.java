package org.tessera.vstorage;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.tessera.enforcement.sigv4.QueryParameter;
import org.tessera.enforcement.sigv4.VerifiedRequest;

/**
 * One verified S3 request as the operations see it: the servlet request and answer, the
 * bucket and key it names, its query parameters and who signed it.
 *
 * @param request the servlet request
 * @param response the servlet answer
 * @param path the bucket and key
 * @param parameters the decoded query parameters
 * @param verified the signer and the verifying body
 */
record S3Call(HttpServletRequest request, HttpServletResponse response, S3Path path, List<QueryParameter> parameters,
		VerifiedRequest verified) {

	/** The signer's account, which owns the bucket namespace the path resolves in. */
	String account() {
		return this.verified.principal().account();
	}

	boolean head() {
		return "HEAD".equals(this.request.getMethod());
	}

	boolean has(String name) {
		return this.parameters.stream().anyMatch((p) -> p.name().equals(name));
	}

	/**
	 * The value of the parameter, or null when absent.
	 * @throws S3Exception InvalidArgument when it is given more than once
	 */
	String parameter(String name) {
		String value = null;
		for (QueryParameter parameter : this.parameters) {
			if (parameter.name().equals(name)) {
				if (value != null) {
					throw S3Exception.invalidArgument("The parameter " + name + " is given more than once.");
				}
				value = parameter.value();
			}
		}
		return value;
	}

}
