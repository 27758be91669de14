package org.tessera.console;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A page the API refused to fill is an error page in the console's layout with the API's
 * own message and status, or the sign-in again when the token is no longer accepted.
 */
@ControllerAdvice(basePackageClasses = ConsolePageErrors.class)
class ConsolePageErrors {

	@ExceptionHandler(ApiRefusal.class)
	String refused(ApiRefusal refusal, HttpServletResponse response, Model model) {
		if (refusal.status() == 401) {
			return "redirect:/console/sign-in";
		}
		response.setStatus((refusal.status() >= 400 && refusal.status() < 600) ? refusal.status() : 502);
		model.addAttribute("message", refusal.getMessage());
		return "console/error";
	}

}
