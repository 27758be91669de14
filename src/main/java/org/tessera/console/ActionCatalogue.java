package org.tessera.console;

import java.util.List;
import java.util.Map;

/**
 * The actions the policy editor offers, product by product: those Tessera's management
 * API checks and those vServer and vStorage check. A policy may name others (wildcards,
 * other products); the editor keeps them as typed.
 */
final class ActionCatalogue {

	static final Map<String, List<String>> PRODUCTS = Map.of("iam", List.of("iam:*", "iam:CreateServiceAccount",
			"iam:ListServiceAccounts", "iam:GetServiceAccount", "iam:UpdateServiceAccount", "iam:DisableServiceAccount",
			"iam:EnableServiceAccount", "iam:DeleteServiceAccount", "iam:UndeleteServiceAccount",
			"iam:CreateServiceAccountSecret", "iam:ListServiceAccountSecrets", "iam:DeleteServiceAccountSecret",
			"iam:CreateServiceAccountKey", "iam:ListServiceAccountKeys", "iam:DeleteServiceAccountKey",
			"iam:DisableServiceAccountKey", "iam:EnableServiceAccountKey", "iam:CreateAccessKey", "iam:ListAccessKeys",
			"iam:UpdateAccessKey", "iam:DeleteAccessKey", "iam:ImpersonateServiceAccount", "iam:CreateUser",
			"iam:ListUsers", "iam:GetUser", "iam:DeleteUser", "iam:CreatePolicy", "iam:ListPolicies", "iam:GetPolicy",
			"iam:UpdatePolicy", "iam:DeletePolicy", "iam:AttachPolicy", "iam:DetachPolicy", "iam:ListAuditEvents",
			"iam:ListAccountGuardrails", "iam:PutAccountGuardrail", "iam:RemoveAccountGuardrail"), "vserver",
			List.of("vserver:*", "vserver:ListServers", "vserver:CreateServer", "vserver:GetServer",
					"vserver:StartServer", "vserver:StopServer", "vserver:DeleteServer"),
			"vstorage", List.of("vstorage:*", "vstorage:ListBuckets", "vstorage:CreateBucket", "vstorage:DeleteBucket",
					"vstorage:ListObjects", "vstorage:PutObject", "vstorage:GetObject", "vstorage:DeleteObject"));

	/** Products in the order the editor lists them. */
	static final List<String> PRODUCT_NAMES = List.of("iam", "vserver", "vstorage");

	private ActionCatalogue() {
	}

	/** The product an action belongs to by its prefix, or null for one not listed. */
	static String productOf(String action) {
		int colon = action.indexOf(':');
		String product = (colon > 0) ? action.substring(0, colon) : "";
		return PRODUCTS.containsKey(product) ? product : null;
	}

	static boolean isListed(String action) {
		String product = productOf(action);
		return product != null && PRODUCTS.get(product).contains(action);
	}

}
