package org.tessera.account;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /iam/v1/accounts}: sign-up, the one management call that needs no token. */
@RestController
class AccountController {

	private final AccountService service;

	AccountController(AccountService service) {
		this.service = service;
	}

	record SignUpRequest(String email, String password) {
	}

	record AccountView(String id, String email) {
	}

	@PostMapping("/iam/v1/accounts")
	ResponseEntity<AccountView> signUp(@RequestBody SignUpRequest request) {
		Account account = this.service.signUp(request.email(), request.password());
		return ResponseEntity.created(URI.create("/iam/v1/accounts/" + account.id()))
			.body(new AccountView(account.id().value(), account.email()));
	}

}
