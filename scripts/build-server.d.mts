// Types of scripts/build-server.mjs for the TypeScript that imports it (bench/, tests).
export declare const root: string;
export declare const serverDist: string;
/** The newest modification time among the sources the server build is made from. */
export declare function newestServerSource(): number;
/** The compiled entry when `outdir` (dist/server) holds a build at least as new as the sources, otherwise null. */
export declare function freshServerEntry(outdir?: string): string | null;
/** Builds the server into `outdir` (dist/server by default); returns the path of the entry module. */
export declare function buildServer(opts?: { outdir?: string }): Promise<string>;
