export { type AddressKind, addressAllowed, classifyAddress } from "./address.ts";
export { type OutboundPolicy, outboundPolicy } from "./config.ts";
export {
  OutboundError,
  type OutboundErrorCode,
  type SafeGetOptions,
  type SafeResponse,
  safeGet,
  safeRequest,
} from "./safe-fetch.ts";
