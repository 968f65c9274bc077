/**
 * What the Furgonetka sandbox account has: the OAuth app and user, and the carrier services
 * (`GET /account/services`) with the size and weight limits the validation applies. Service codes
 * are the ones Furgonetka's clients use (dpd, ups, inpost, inpostkurier, gls, fedex, poczta, dhl);
 * ids and limits are the sandbox's own (Furgonetka publishes neither in a machine-readable form).
 */
import type { Rng } from "../kit/random.js";

/** Not secrets anywhere: the sandbox's registered app and user. */
export const DEFAULT_APP = { clientId: "hubsheet-sandbox-client", clientSecret: "furgonetka-sandbox-client-secret" };
export const DEFAULT_USER = { username: "sklep@ergodrewno.example", password: "furgonetka-sandbox-password" };

export interface ServiceDef {
	id: number;
	service: string;
	name: string;
	maxWeightKg: number;
	/** Longest side. */
	maxLengthCm: number;
	/** Longest side plus twice the sum of the two others. */
	maxGirthCm: number;
	/** The largest box, sides sorted longest first (parcel lockers). */
	maxBoxCm?: [number, number, number];
	/** ISO codes it delivers to; "any" for international carriers. */
	countries: readonly string[] | "any";
	/** Delivers to a pick-up point (`receiver.point` required). */
	point: boolean;
	/** The carrier's waybill number, as a string: some have leading zeros, some 24 digits. */
	waybill(rng: Rng): string;
}

const digits = (rng: Rng, count: number) => Array.from({ length: count }, () => String(rng.int(0, 9))).join("");
const alnum = (rng: Rng, count: number) =>
	Array.from({ length: count }, () => rng.pick("ABCDEFGHJKLMNPRSTUVWXYZ0123456789".split(""))).join("");

export const SERVICES: readonly ServiceDef[] = [
	{
		id: 11001,
		service: "dpd",
		name: "DPD Classic",
		maxWeightKg: 31.5,
		maxLengthCm: 175,
		maxGirthCm: 300,
		countries: "any",
		point: false,
		waybill: (rng) => `1${digits(rng, 12)}U`,
	},
	{
		id: 11002,
		service: "ups",
		name: "UPS Standard",
		maxWeightKg: 70,
		maxLengthCm: 274,
		maxGirthCm: 400,
		countries: "any",
		point: false,
		waybill: (rng) => `1Z${alnum(rng, 6)}68${digits(rng, 8)}`,
	},
	{
		id: 11003,
		service: "gls",
		name: "GLS",
		maxWeightKg: 31.5,
		maxLengthCm: 200,
		maxGirthCm: 300,
		countries: "any",
		point: false,
		waybill: (rng) => digits(rng, 11),
	},
	{
		id: 11004,
		service: "fedex",
		name: "FedEx",
		maxWeightKg: 68,
		maxLengthCm: 274,
		maxGirthCm: 330,
		countries: "any",
		point: false,
		waybill: (rng) => `7${digits(rng, 11)}`,
	},
	{
		id: 11005,
		service: "dhl",
		name: "DHL Parcel",
		maxWeightKg: 31.5,
		maxLengthCm: 120,
		maxGirthCm: 300,
		countries: "any",
		point: false,
		waybill: (rng) => `3${digits(rng, 10)}`,
	},
	{
		id: 11006,
		service: "inpostkurier",
		name: "InPost Kurier",
		maxWeightKg: 50,
		maxLengthCm: 350,
		maxGirthCm: 600,
		countries: ["PL"],
		point: false,
		waybill: (rng) => `6${digits(rng, 23)}`,
	},
	{
		id: 11007,
		service: "poczta",
		name: "Pocztex Kurier",
		maxWeightKg: 30,
		maxLengthCm: 150,
		maxGirthCm: 300,
		countries: ["PL"],
		point: false,
		// Twenty digits with two leading zeros: a number in a spreadsheet would lose them.
		waybill: (rng) => `00${digits(rng, 18)}`,
	},
	{
		id: 11008,
		service: "inpost",
		name: "InPost Paczkomat",
		maxWeightKg: 25,
		maxLengthCm: 64,
		maxGirthCm: 222,
		maxBoxCm: [64, 41, 38],
		countries: ["PL"],
		point: true,
		waybill: (rng) => `6${digits(rng, 23)}`,
	},
];
