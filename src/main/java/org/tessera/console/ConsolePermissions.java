package org.tessera.console;

import java.text.ParseException;
import java.util.List;

import com.nimbusds.jwt.SignedJWT;
import org.springframework.stereotype.Component;
import org.tessera.oauth.token.AccessTokenClaims;
import org.tessera.policy.PolicyEvaluator;
import org.tessera.policy.PolicyLimits;
import org.tessera.policy.PolicyParser;
import org.tessera.policy.Statement;

/**
 * What the console's current token allows, read from its {@code perms} with the same
 * evaluator as the API's, so that a page can show a control the person may not use as
 * disabled, with the reason, rather than let them meet the refusal. The API still
 * decides: this only tells in advance what it would answer.
 */
@Component("consolePermissions")
public class ConsolePermissions {

	private final PolicyParser parser = new PolicyParser(PolicyLimits.DEFAULT);

	private final PolicyEvaluator evaluator = new PolicyEvaluator();

	/**
	 * Whether the session's token allows {@code action} on the IAM resource
	 * {@code crn:iam:<account>:<resource>} of the session's account.
	 */
	public boolean allows(ConsoleSession me, String action, String resource) {
		return this.evaluator
			.evaluate(me.accountId(), statements(me), action, "crn:iam:" + me.accountId() + ":" + resource)
			.allowed();
	}

	/** Why a control is disabled: the action the session's policies do not allow. */
	public String reason(String action) {
		return "Your policies do not allow " + action + ".";
	}

	private List<Statement> statements(ConsoleSession me) {
		try {
			Object perms = SignedJWT.parse(me.accessToken()).getJWTClaimsSet().getClaim(AccessTokenClaims.PERMS);
			return (perms != null) ? this.parser.parseStatements(perms, AccessTokenClaims.PERMS) : List.of();
		}
		catch (ParseException | RuntimeException ex) {
			return List.of();
		}
	}

}
