// How the sandbox's S3 maps keys to files, safely, and which bucket names it accepts.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type S3rver from 's3rver';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';

// ---- keys on disk: no path segment may climb out of the bucket's folder ----------------------------
// s3rver maps a key to a path by splitting it on "/" (path.join would resolve "..": a key like
// "../../x" was written two folders above the bucket). Each "." / ".." segment and each empty
// segment inside a key is escaped with s3rver's own "&hh" convention ("&" itself becomes "&26"), so
// keys stay opaque, distinct and inside the folder; ordinary keys map to the same paths as before.
function encodeSegment(seg: string, last: boolean): string {
  const amp = seg.replace(/&/g, '&26');
  if (seg === '.' || seg === '..') return amp.replace(/\./g, '&2e');
  if (seg === '' && !last) return '&';
  return amp;
}

export function encodeKeyPath(key: string): string {
  const segs = key.split('/');
  return segs.map((seg, i) => encodeSegment(seg, i === segs.length - 1)).join('/');
}

export function decodeKeyPath(keyPath: string): string {
  return keyPath.split('/').map((seg) => (seg === '&' ? '' : seg.replace(/&([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))))).join('/');
}

let keyEncodingPatched = false;
export function patchKeyEncoding(store: S3rver['store']): void {
  if (!keyEncodingPatched) {
    keyEncodingPatched = true;
    FilesystemStore.encodeKeyPath = encodeKeyPath;
    FilesystemStore.decodeKeyPath = decodeKeyPath;
  }
  // s3rver's deleteObject removes emptied folders by joining the raw key's segments: do it on the
  // escaped ones, and never above the bucket's folder.
  store.deleteObject = async (bucket: string, key: string) => {
    await Promise.all(['object', 'object.md5', 'metadata.json'].map((r) => fsp.unlink(store.getResourcePath(bucket, key, r)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    })));
    const bucketPath = store.getBucketPath(bucket);
    const parts = encodeKeyPath(key).split('/');
    parts.pop();
    while (parts.length) {
      const dir = path.join(bucketPath, ...parts);
      if (!dir.startsWith(bucketPath + path.sep)) break;
      const left = await fsp.readdir(dir).catch(() => ['?']);
      if (left.length) break;
      await fsp.rmdir(dir).catch(() => undefined);
      parts.pop();
    }
  };
}

/** S3's bucket naming rules (general purpose buckets). */
export function validBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}

