/** Types of the user manual's picture list (screenshots.mjs), for tests/unit/manual.test.ts. */
export declare const PICTURES: ReadonlyArray<readonly [picture: string, screenshot: string, testFile: string]>;
