import smCrypto from 'sm-crypto';

/**
 * SM3 (GB/T 32905) and HMAC-SM3 from sm-crypto, a maintained pure-JavaScript implementation.
 * Node's OpenSSL has SM3 but Electron's BoringSSL does not, so the desktop app could not sign
 * with `sm3`; one implementation on every runtime gives the same signature everywhere.
 */
const sm3Impl = smCrypto.sm3;

const bytes = (data: string | Buffer): Buffer => (typeof data === 'string' ? Buffer.from(data, 'utf8') : data);

/** Hex SM3 digest of `data` (strings as UTF-8). */
export function sm3Hex(data: string | Buffer): string {
  return sm3Impl(bytes(data));
}

/** Hex HMAC-SM3 (RFC 2104 over SM3, 64-byte block) of `data` under `key` (strings as UTF-8). */
export function hmacSm3Hex(key: string | Buffer, data: string | Buffer): string {
  const k = bytes(key);
  // sm-crypto refuses an empty key; RFC 2104 pads it with zeros like any short key.
  return sm3Impl(bytes(data), { key: k.length > 0 ? k : Buffer.alloc(1), mode: 'hmac' });
}
