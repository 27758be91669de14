package org.tessera.audit;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tessera.access.AccessGuard;
import org.tessera.access.AccountPath;
import org.tessera.access.Caller;
import org.tessera.access.IamResources;
import org.tessera.account.AccountId;
import org.tessera.iam.InvalidRequestException;
import org.tessera.web.Page;
import org.tessera.web.PageRequest;

/**
 * {@code GET /iam/v1/accounts/{acct}/audit-events}: the events in which a principal of
 * the account acted, was in the actor chain, or was acted on, each as that account may
 * see it.
 */
@RestController
class AuditController {

	private final AuditReader reader;

	private final AccessGuard guard;

	AuditController(AuditReader reader, AccessGuard guard) {
		this.reader = reader;
		this.guard = guard;
	}

	@GetMapping("/iam/v1/accounts/{acct}/audit-events")
	Page<AuditEvent> list(Caller caller, @PathVariable String acct, @RequestParam(required = false) Integer pageSize,
			@RequestParam(required = false) String pageToken, @RequestParam(defaultValue = "oldest") String order) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:ListAuditEvents", IamResources.auditEvents(account));
		PageRequest page = PageRequest.of(pageSize, pageToken);
		boolean newestFirst = switch (order) {
			case "oldest" -> false;
			case "newest" -> true;
			default -> throw new InvalidRequestException("order", "must be oldest or newest");
		};
		long from;
		try {
			from = page.after().isEmpty() ? (newestFirst ? Long.MAX_VALUE : 0) : Long.parseLong(page.after());
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException("pageToken", "is not a token this server gave out");
		}
		List<AuditEvent> events = newestFirst ? this.reader.pageNewestFirst(account, from, page.fetchSize())
				: this.reader.page(account, from, page.fetchSize());
		return Page.of(events, page, (e) -> Long.toString(e.id()), (e) -> e);
	}

}
