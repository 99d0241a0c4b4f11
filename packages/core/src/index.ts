export { CORE_VERSION, WIRE_CONTRACT_VERSION } from './version.js';
