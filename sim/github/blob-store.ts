/**
 * A path-style Azure block blob endpoint, enough for @azure/storage-blob's
 * `uploadStream` (stage blocks, commit the list) and a signed plain GET.
 */
import { randomBytes } from 'node:crypto'
import type { RouteResponse } from './types.ts'

const CONTAINER_PATH = '/devstoreaccount1/actions-results/'

interface Blob {
  fileName: string
  writeSig: string
  readSig: string
  blocks: Map<string, Buffer>
  committed: Buffer | null
  contentType: string
}

/** The blobs behind artifact uploads and downloads. */
export interface BlobStore {
  /** A new empty blob and the signed URL a client uploads it to. */
  createUpload(fileName: string): { key: string; uploadUrl: string }
  /** A signed URL that reads the blob. */
  readUrl(key: string): string
  /** The committed bytes and content type, or null before the commit. */
  committed(key: string): { content: Buffer; contentType: string } | null
  /** Whether a path belongs to blob storage. */
  owns(path: string): boolean
  /** Answers a request under the container path. */
  handle(req: BlobRequest): RouteResponse
}

/** The parts of an HTTP request the blob endpoint reads. */
export interface BlobRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/** A blob store whose URLs start at the origin `origin()` returns. */
export function createBlobStore(origin: () => string): BlobStore {
  const blobs = new Map<string, Blob>()
  const urlFor = (key: string, permission: string, sig: string): string => {
    const url = new URL(`${CONTAINER_PATH}${key}`, origin())
    url.searchParams.set('sv', '2024-08-04')
    url.searchParams.set('sr', 'b')
    url.searchParams.set('sp', permission)
    url.searchParams.set('sig', sig)
    return url.toString()
  }
  return {
    createUpload(fileName) {
      const key = randomBytes(12).toString('hex')
      const blob: Blob = {
        fileName,
        writeSig: randomBytes(16).toString('base64url'),
        readSig: randomBytes(16).toString('base64url'),
        blocks: new Map(),
        committed: null,
        contentType: 'application/octet-stream'
      }
      blobs.set(key, blob)
      return { key, uploadUrl: urlFor(key, 'cw', blob.writeSig) }
    },
    readUrl(key) {
      const blob = blobs.get(key)
      if (!blob) throw new Error(`No blob ${key}`)
      return urlFor(key, 'r', blob.readSig)
    },
    committed(key) {
      const blob = blobs.get(key)
      if (!blob?.committed) return null
      return { content: blob.committed, contentType: blob.contentType }
    },
    owns: (path) => path.startsWith(CONTAINER_PATH),
    handle(req) {
      const blob = blobs.get(req.path.slice(CONTAINER_PATH.length))
      if (!blob)
        return azureError(
          404,
          'BlobNotFound',
          'The specified blob does not exist.'
        )
      return req.method === 'GET' ? readBlob(blob, req) : writeBlob(blob, req)
    }
  }
}

function writeBlob(blob: Blob, req: BlobRequest): RouteResponse {
  if (req.method !== 'PUT')
    return azureError(405, 'UnsupportedHttpVerb', req.method)
  if (req.query.get('sig') !== blob.writeSig) return authenticationFailed()
  const comp = req.query.get('comp')
  if (comp === 'block') {
    const blockId = req.query.get('blockid')
    if (!blockId)
      return azureError(400, 'InvalidQueryParameterValue', 'blockid')
    blob.blocks.set(blockId, req.body)
    return created({})
  }
  if (comp === 'blocklist') return commitBlockList(blob, req)
  if (comp === null && header(req, 'x-ms-blob-type') === 'BlockBlob') {
    blob.committed = req.body
    blob.contentType = header(req, 'content-type') ?? blob.contentType
    return created({ etag: etag() })
  }
  return azureError(400, 'InvalidQueryParameterValue', `comp=${comp}`)
}

function commitBlockList(blob: Blob, req: BlobRequest): RouteResponse {
  const ids = [
    ...req.body
      .toString('utf8')
      .matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)
  ].map((m) => m[1] ?? '')
  const parts: Buffer[] = []
  for (const id of ids) {
    const block = blob.blocks.get(id)
    if (!block)
      return azureError(400, 'InvalidBlockList', `Unknown block ${id}`)
    parts.push(block)
  }
  blob.committed = Buffer.concat(parts)
  blob.blocks.clear()
  blob.contentType = header(req, 'x-ms-blob-content-type') ?? blob.contentType
  return created({ etag: etag(), 'last-modified': new Date().toUTCString() })
}

function readBlob(blob: Blob, req: BlobRequest): RouteResponse {
  if (req.query.get('sig') !== blob.readSig) return authenticationFailed()
  if (!blob.committed) {
    return azureError(404, 'BlobNotFound', 'The specified blob does not exist.')
  }
  const headers: Record<string, string> = {
    'content-type': blob.contentType,
    'x-ms-blob-type': 'BlockBlob'
  }
  if (blob.contentType !== 'application/zip') {
    headers['content-disposition'] =
      `attachment; filename*=UTF-8''${encodeURIComponent(blob.fileName)}`
  }
  return { status: 200, body: blob.committed, headers }
}

function created(headers: Record<string, string>): RouteResponse {
  return {
    status: 201,
    headers: {
      ...headers,
      'x-ms-request-id': randomBytes(8).toString('hex'),
      'x-ms-version': '2024-08-04',
      'x-ms-request-server-encrypted': 'true'
    }
  }
}

function authenticationFailed(): RouteResponse {
  return azureError(
    403,
    'AuthenticationFailed',
    'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.'
  )
}

function azureError(
  status: number,
  code: string,
  message: string
): RouteResponse {
  return {
    status,
    body: `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    headers: { 'content-type': 'application/xml', 'x-ms-error-code': code }
  }
}

function header(req: BlobRequest, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function etag(): string {
  return `"0x${randomBytes(8).toString('hex').toUpperCase()}"`
}
