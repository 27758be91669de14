package org.tessera.console;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A change made from a page: the call, then the page again with a notice saying what was
 * done or with the API's refusal, so that a reload repeats nothing (post, redirect, get).
 */
final class PageChanges {

	private PageChanges() {
	}

	/** Runs the call; a null {@code done} says nothing on success. */
	static String run(RedirectAttributes flash, String redirectTo, String done, Runnable call) {
		try {
			call.run();
			if (done != null) {
				flash.addFlashAttribute("notice", done);
			}
		}
		catch (ApiRefusal refusal) {
			flash.addFlashAttribute("error", refusal.getMessage());
		}
		return "redirect:" + redirectTo;
	}

}
