/** `npm run sandboxes:stop`: stops the background sandboxes that `npm run sync` and `npm start` use. */
import { stopSandboxDaemon } from "../local/sandbox/daemon.js";

console.log(stopSandboxDaemon() ? "Stopped the sandboxes." : "The sandboxes were not running.");
