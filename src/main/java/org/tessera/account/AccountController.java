package org.tessera.account;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /iam/v1/accounts}: sign-up, the one management call that needs no token;
 * who may call it is the {@link SignUpGate}'s decision.
 */
@RestController
class AccountController {

	private final AccountService service;

	private final SignUpGate gate;

	AccountController(AccountService service, SignUpGate gate) {
		this.service = service;
		this.gate = gate;
	}

	record SignUpRequest(String email, String password) {
	}

	record AccountView(String id, String email) {
	}

	@PostMapping("/iam/v1/accounts")
	ResponseEntity<AccountView> signUp(HttpServletRequest http, @RequestBody SignUpRequest request) {
		this.gate.admit(http);
		Account account = this.service.signUp(request.email(), request.password());
		return ResponseEntity.created(URI.create("/iam/v1/accounts/" + account.id()))
			.body(new AccountView(account.id().value(), account.email()));
	}

}
