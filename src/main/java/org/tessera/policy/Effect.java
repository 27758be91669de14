package org.tessera.policy;

/**
 * Whether a statement grants or refuses what it matches; the policy language spells the
 * two values exactly "Allow" and "Deny", which this enum keeps apart from its Java
 * constant names.
 */
public enum Effect {

	ALLOW("Allow"), DENY("Deny");

	private final String jsonName;

	Effect(String jsonName) {
		this.jsonName = jsonName;
	}

	/** The spelling used in policy documents and token claims: "Allow" or "Deny". */
	public String jsonName() {
		return jsonName;
	}

	/**
	 * Reads the document spelling, which is case-sensitive.
	 * @throws IllegalArgumentException unless the text is exactly "Allow" or "Deny"
	 */
	public static Effect fromJsonName(String text) {
		for (Effect effect : values()) {
			if (effect.jsonName.equals(text)) {
				return effect;
			}
		}
		throw new IllegalArgumentException("effect must be \"Allow\" or \"Deny\"");
	}

}
