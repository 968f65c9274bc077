/**
 * The Etsy part of the settings dialog, checked before anything is saved: google.script.run may hand
 * over anything, so each field is read as text, trimmed and checked for its shape. An empty shared
 * secret keeps the one already saved (the dialog never shows it back); with none saved, it is needed.
 */

const ETSY_ID = /^\d{1,20}$/;
const KEYSTRING = /^[A-Za-z0-9]{8,64}$/;

export interface EtsySettings {
	keystring: string;
	/** Null: keep the saved one. */
	sharedSecret: string | null;
	shopId: string;
}

/** The fields to save, or an Error in the owner's words naming the field (never quoting a secret). */
export function checkEtsySettings(
	form: { keystring?: unknown; sharedSecret?: unknown; shopId?: unknown },
	sharedSecretSaved: boolean,
): EtsySettings {
	const keystring = String(form.keystring ?? "").trim();
	const sharedSecret = String(form.sharedSecret ?? "").trim();
	const shopId = String(form.shopId ?? "").trim();
	if (!KEYSTRING.test(keystring))
		throw new Error("The Etsy keystring should be letters and digits, as Etsy shows it under Your apps.");
	if (!ETSY_ID.test(shopId)) throw new Error(`The Etsy shop id should be a number, not "${shopId.slice(0, 40)}".`);
	if (sharedSecret === "" && !sharedSecretSaved) {
		throw new Error("Enter the Etsy shared secret, as Etsy shows it under Your apps.");
	}
	return { keystring, sharedSecret: sharedSecret === "" ? null : sharedSecret, shopId };
}
