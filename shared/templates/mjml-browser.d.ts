/**
 * Types for `mjml-browser` 5.4.1, which ships none. In 5.x `mjml2html` returns a Promise (it was
 * synchronous in 4.x); with `validationLevel: "strict"` it rejects with a ValidationError whose
 * `errors` lists the problems, with "soft" (the default) it resolves and lists them in `errors`.
 */
declare module "mjml-browser" {
  export type MjmlError = { line: number; message: string; tagName: string; formattedMessage: string };
  export type MjmlOptions = {
    validationLevel?: "strict" | "soft" | "skip";
    minify?: boolean;
    beautify?: boolean;
    keepComments?: boolean;
    fonts?: Record<string, string>;
  };
  export type MjmlResult = { html: string; errors: MjmlError[]; json: unknown };
  export default function mjml2html(mjml: string, options?: MjmlOptions): Promise<MjmlResult>;
}
