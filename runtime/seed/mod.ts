/**
 * Seeds, germs and pods: upstream Pallas's binary serialisation of PLAN
 * values (spec §3), byte-identical in both directions.
 *
 * @module
 */

export { SeedError } from "./error.ts";
export { encodeSeed, saveSeed } from "./save.ts";
export { decodeSeed, type LoadOptions, loadSeed } from "./load.ts";
export { type Germ, loadGerm, pinRefs, saveGerm, valueRefs } from "./germ.ts";
export { isPod, loadPod, loadSeedOrPod, POD_MAGIC, savePod } from "./pod.ts";
