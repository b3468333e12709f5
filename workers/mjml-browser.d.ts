// mjml-browser ships no types; this is the part of its API the Worker uses.
declare module "mjml-browser" {
  type MjmlError = { line: number; message: string; tagName: string; formattedMessage: string };
  type MjmlResult = { html: string; errors: MjmlError[] };
  export default function mjml2html(input: string, options?: { validationLevel?: "strict" | "soft" | "skip"; minify?: boolean; keepComments?: boolean }): MjmlResult | Promise<MjmlResult>;
}
