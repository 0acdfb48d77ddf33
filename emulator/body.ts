import type { IncomingMessage } from "node:http";
import { badRequest } from "./errors.js";
import { UploadedFile, isRecord } from "./validate.js";

/** Parameters of one request, as sent. */
export interface ParsedBody {
  /** Raw values: JSON values for JSON bodies, strings or files for forms. */
  params: Record<string, unknown>;
  /** True when values came from a query string, urlencoded or multipart body. */
  form: boolean;
  /** Uploaded files by multipart field name. */
  files: Map<string, UploadedFile>;
}

const MAX_BODY = 60 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > MAX_BODY) throw new Error("request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function headerParam(header: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;]*))`, "i");
  const m = re.exec(header);
  if (!m) return undefined;
  return m[1] ?? m[2]?.trim();
}

/** Parses multipart/form-data, tolerant of the compact header style grammY writes. */
export function parseMultipart(
  body: Buffer,
  boundary: string,
): { fields: Record<string, string | UploadedFile>; files: Map<string, UploadedFile> } {
  const fields: Record<string, string | UploadedFile> = {};
  const files = new Map<string, UploadedFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw badRequest("can't parse multipart/form-data body");
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === "--") break;
    if (body.subarray(pos, pos + 2).toString() === "\r\n") pos += 2;
    const next = body.indexOf(delimiter, pos);
    if (next < 0) throw badRequest("can't parse multipart/form-data body");
    let end = next;
    if (body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;
    const part = body.subarray(pos, end);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd < 0) throw badRequest("can't parse multipart/form-data body");
    const headers = new Map<string, string>();
    for (const line of part.subarray(0, headerEnd).toString("utf8").split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const content = part.subarray(headerEnd + 4);
    const disposition = headers.get("content-disposition") ?? "";
    const name = headerParam(disposition, "name");
    if (name !== undefined) {
      const filename = headerParam(disposition, "filename");
      if (filename !== undefined) {
        const file = new UploadedFile(
          name,
          filename,
          headers.get("content-type") ?? "application/octet-stream",
          new Uint8Array(content),
        );
        files.set(name, file);
        fields[name] = file;
      } else {
        fields[name] = content.toString("utf8");
      }
    }
    pos = next;
  }
  return { fields, files };
}

/** Reads the parameters of a Bot API request from its query string and body. */
export async function parseRequest(req: IncomingMessage, url: URL): Promise<ParsedBody> {
  const params: Record<string, unknown> = {};
  let form = false;
  let files = new Map<string, UploadedFile>();
  for (const [k, v] of url.searchParams) {
    params[k] = v;
    form = true;
  }
  const body = await readBody(req);
  if (body.length === 0) return { params, form, files };
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (!isRecord(parsed)) throw badRequest("JSON object expected as request body");
    if (Object.keys(parsed).length === 0) return { params, form, files };
    // A JSON body replaces query string parameters.
    return { params: parsed, form: false, files };
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params[k] = v;
    return { params, form: true, files };
  }
  if (type.startsWith("multipart/form-data")) {
    const boundary = headerParam(req.headers["content-type"] ?? "", "boundary");
    if (boundary === undefined || boundary === "") throw badRequest("multipart/form-data without boundary");
    const parsed = parseMultipart(body, boundary);
    Object.assign(params, parsed.fields);
    files = parsed.files;
    return { params, form: true, files };
  }
  throw badRequest(`unsupported content type "${type}"`);
}
