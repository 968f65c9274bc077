/**
 * Which platforms answered a request successfully during one run. Connection health may say a
 * platform "is working" only after a request to it worked in that run: a sync that sent a CRM
 * nothing (no order changed) leaves its health as it was. Each connector's Http port is wrapped,
 * so the meter sees every request, whatever the connector does with the answer.
 */
import type { PlatformName } from "../core/connector-contracts.js";
import type { Http, HttpResponse } from "../ports.js";

export class RequestMeter {
	private readonly succeeded = new Set<PlatformName>();

	/** The platform's Http, noting each 2xx answer. */
	wrap(platform: PlatformName, http: Http): Http {
		const note = (response: HttpResponse) => {
			if (response.status >= 200 && response.status < 300) this.succeeded.add(platform);
			return response;
		};
		return {
			fetch: (request) => note(http.fetch(request)),
			fetchAll: (requests) => http.fetchAll(requests).map(note),
		};
	}

	/** True once a request to the platform was answered with success in this run. */
	answered(platform: PlatformName): boolean {
		return this.succeeded.has(platform);
	}
}
