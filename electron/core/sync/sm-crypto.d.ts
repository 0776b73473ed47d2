/** The part of sm-crypto (pure-JavaScript SM2/SM3/SM4, no types of its own) that signing uses. */
declare module 'sm-crypto' {
  const smCrypto: {
    /** Hex SM3 digest; with `{ key, mode: 'hmac' }` the hex HMAC-SM3. Strings are read as UTF-8. */
    sm3(input: string | ArrayLike<number>, options?: { key: string | ArrayLike<number>; mode?: 'hmac' }): string;
  };
  export default smCrypto;
}
