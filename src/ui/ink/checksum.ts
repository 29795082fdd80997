// A 64-bit checksum of a code cache's bytes (src/ui/ink/code-cache.ts), run by a tiny WebAssembly
// module: zlib.crc32 cost ≈ 2 ms on Node 24 before the wizard's first frame, nearly all of it
// loading node:zlib (its stream classes and bindings), for one sum over ~600 KB; this is ≈ 0.8 ms
// (compile, copy, sum). It tells bytes changed on disk from the ones written (not an attacker: the
// folder is this user's alone): each step below is a bijection of the running sum, so one changed
// 8-byte word always changes the result; more changes collide once in ~2^64.
//
// The module, in WebAssembly's text format (assembled with binaryen, which assemblyscript brings):
//   (module
//     (memory (export "m") 1)
//     (func (export "h") (param $n i32) (result i64)
//       (local $i i32) (local $e i32) (local $h i64)
//       (local.set $h (i64.xor (i64.const 0x27D4EB2F165667C5) (i64.extend_i32_u (local.get $n))))
//       (local.set $e (i32.and (local.get $n) (i32.const -8)))
//       (block $done8
//         (loop $words
//           (br_if $done8 (i32.ge_u (local.get $i) (local.get $e)))
//           (local.set $h (i64.rotl (i64.mul (i64.xor (local.get $h) (i64.load (local.get $i))) (i64.const 0x9E3779B97F4A7C15)) (i64.const 31)))
//           (local.set $i (i32.add (local.get $i) (i32.const 8)))
//           (br $words)))
//       (block $done1
//         (loop $bytes
//           (br_if $done1 (i32.ge_u (local.get $i) (local.get $n)))
//           (local.set $h (i64.mul (i64.xor (local.get $h) (i64.load8_u (local.get $i))) (i64.const 0x9E3779B97F4A7C15)))
//           (local.set $i (i32.add (local.get $i) (i32.const 1)))
//           (br $bytes)))
//       (local.set $h (i64.mul (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 33))) (i64.const 0xC2B2AE3D27D4EB4F)))
//       (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 29)))))
// test/ui/checksum.test.ts holds it to the same steps in BigInt arithmetic.
const WASM = 'AGFzbQEAAAABBgFgAX8BfgMCAQAFAwEAAQcJAgFtAgABaAAACpoBAZcBAgJ/AX5Cxc/ZsvHluuonIACthSEDIABBeHEhAgJAA0AgASACTw0BIAMgASkDAIVClfip+pe33puef35CH4khAyABQQhqIQEMAAsACwJAA0AgASAATw0BIAMgATEAAIVClfip+pe33puef34hAyABQQFqIQEMAAsACyADIANCIYiFQs/W077Sx6vZQn4hAyADIANCHYiFCw==';

// the WebAssembly API as far as it is used here (the project's lib settings do not declare it)
interface Summer {
  m: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  h(n: number): bigint;
}
const WA = (globalThis as unknown as {
  WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (m: object) => { exports: unknown } };
}).WebAssembly;
let summer: Summer | undefined;

/** the bytes' 64-bit checksum (the module's i64, as an unsigned BigInt) */
export function checksum64(data: Uint8Array): bigint {
  summer ??= new WA.Instance(new WA.Module(Buffer.from(WASM, 'base64'))).exports as Summer;
  const pages = Math.ceil(data.length / 65536) - summer.m.buffer.byteLength / 65536;
  if (pages > 0) summer.m.grow(pages);
  new Uint8Array(summer.m.buffer, 0, data.length).set(data);
  return BigInt.asUintN(64, summer.h(data.length));
}

