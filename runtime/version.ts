/** The runtime's version, reported by `pallas --version` and stored in machine metadata. */
export const VERSION = "0.1.0";
