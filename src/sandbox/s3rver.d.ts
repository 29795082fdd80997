// s3rver ships no type declarations; this covers the part the sandbox uses.
declare module 's3rver' {
  import type { Server } from 'node:http';
  import type { Readable } from 'node:stream';
  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    serviceEndpoint?: string;
    configureBuckets?: { name: string; configs?: string[] }[];
  }
  interface StoredObject {
    bucket: string;
    key: string;
    content: Readable | null;
    metadata: Record<string, string>;
    readonly size: number;
  }
  interface FilesystemStore {
    rootDirectory: string;
    getBucket(bucket: string): Promise<{ name: string } | null>;
    listBuckets(): Promise<{ name: string }[]>;
    getObject(bucket: string, key: string, options?: { start?: number; end?: number }): Promise<StoredObject | null>;
    putBucket(bucket: string): Promise<unknown>;
    getResourcePath(bucket: string, key?: string, resource?: string): string;
    getBucketPath(bucket: string): string;
    deleteObject(bucket: string, key: string): Promise<void>;
    listObjects(bucket: string, options: { prefix?: string; delimiter?: string; maxKeys?: number; startAfter?: string }): Promise<{ objects: StoredObject[]; commonPrefixes: string[]; isTruncated: boolean }>;
  }
  class S3rver {
    constructor(options?: S3rverOptions);
    store: FilesystemStore;
    httpServer?: Server;
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
    callback(): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
  }
  export default S3rver;
}

declare module 's3rver/lib/models/account.js' {
  const account: {
    registry: Map<string, unknown>;
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  export default account;
}

declare module 's3rver/lib/stores/filesystem.js' {
  const FilesystemStore: {
    encodeKeyPath(key: string): string;
    decodeKeyPath(keyPath: string): string;
  };
  export default FilesystemStore;
}

declare module 's3rver/lib/models/object.js' {
  import type { Readable } from 'node:stream';
  class S3Object {
    constructor(bucket: string, key: string, content: Readable | null, metadata: Record<string, string>);
    bucket: string;
    key: string;
    readonly size: number;
    content: Readable | null;
    metadata: Record<string, string>;
    range?: { start: number; end: number };
  }
  export default S3Object;
}

declare module 's3rver/lib/models/error.js' {
  class S3Error extends Error {
    constructor(code: string, message: string, detail?: Record<string, string>);
    code: string;
    status: number;
  }
  export default S3Error;
}
